"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmActionDialog } from "@/components/actions/confirm-action-dialog";
import { useActor } from "@/components/shell/actor-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote } from "@/components/ui/error-note";
import { RelativeTime } from "@/components/ui/relative-time";
import { denialReason } from "@/lib/auth/policy";
import type { Revision } from "@/lib/ops/kube/rollout-history";
import { fetcher } from "@/lib/queries/fetcher";
import { keys } from "@/lib/queries/keys";

/** kubectl rollout history, with each revision's image and time, and rollback to any of them. */
export function HistoryDialog({ namespace, name, onClose, onRolledBack }: { namespace: string; name: string; onClose: () => void; onRolledBack?: (clickedAt: number) => void }) {
  const actor = useActor();
  const history = useQuery({
    queryKey: ["cluster", "history", namespace, name],
    queryFn: ({ signal }) => fetcher<{ revisions: Revision[] }>(`/api/cluster/deployments/${encodeURIComponent(name)}/history?namespace=${encodeURIComponent(namespace)}`, { signal }),
    refetchInterval: 2000,
  });
  const [undo, setUndo] = useState<{ namespace: string; name: string; toRevision: number } | null>(null);
  const denied = denialReason(actor.role, "cluster.rollout-undo");

  return (
    <>
      <Dialog open={undo === null} onOpenChange={(o) => !o && onClose()} title={`Rollout history of deployment/${name}`} description={`Namespace ${namespace}. Newest first.`}>
        <ErrorNote error={history.error} title="History could not be read" />
        <table className="w-full text-sm" aria-label="Revisions">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-2">Rev</th>
              <th scope="col" className="py-1 pr-2">Image</th>
              <th scope="col" className="py-1 pr-2">Created</th>
              <th scope="col" className="py-1"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {history.data?.revisions.map((r) => (
              <tr key={r.replicaSet} data-testid={`revision-${r.revision}`} className="align-top">
                <td className="py-2 pr-2 font-semibold tabular-nums">
                  {r.revision} {r.current ? <Badge tone="info">current</Badge> : null}
                </td>
                <td className="py-2 pr-2">
                  <span className="break-all font-mono text-xs">{r.images.join(", ")}</span>
                  {r.changeCause ? <span className="block text-xs text-slate-600">{r.changeCause}</span> : null}
                </td>
                <td className="whitespace-nowrap py-2 pr-2 text-slate-600">{r.createdAt ? <RelativeTime iso={r.createdAt} /> : "—"}</td>
                <td className="py-2 text-right">
                  <Button
                    size="sm"
                    disabledReason={r.current ? "This is the current revision." : denied}
                    onClick={() => setUndo({ namespace, name, toRevision: r.revision })}
                  >
                    Roll back to this
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Dialog>
      <ConfirmActionDialog
        actionId="cluster.rollout-undo"
        title={`Roll back deployment/${name} to revision ${undo?.toRevision ?? ""}`}
        input={undo}
        open={undo !== null}
        onOpenChange={(o) => {
          if (!o) {
            setUndo(null);
            onClose();
          }
        }}
        invalidates={[keys.cluster.all()]}
        confirmLabel="Roll back"
        onDone={onRolledBack}
      />
    </>
  );
}
