"use client";
import { useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmActionDialog } from "@/components/actions/confirm-action-dialog";
import { toastActionError } from "@/components/actions/toast-action-error";
import { useActor } from "@/components/shell/actor-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/error-note";
import type { NodeRow } from "@/lib/ops/kube/list-nodes";
import { denialReason } from "@/lib/auth/policy";
import { fetcher } from "@/lib/queries/fetcher";
import { keys } from "@/lib/queries/keys";
import { useAction } from "@/lib/queries/use-action";
import { CLUSTER_REFRESH_MS } from "@/lib/queries/use-cluster";

function Usage({ label, used, total, unit }: { label: string; used: number | null; total: number; unit: (n: number) => string }) {
  const pct = used === null || !total ? null : Math.round((used / total) * 100);
  return (
    <div className="text-xs">
      <div className="flex justify-between text-slate-600">
        <span>{label}</span>
        <span className="tabular-nums">{used === null ? "no metrics" : `${unit(used)} / ${unit(total)} (${pct}%)`}</span>
      </div>
      <div className="mt-0.5 h-1.5 rounded bg-slate-200" aria-hidden>
        <div className={clsx("h-1.5 rounded", (pct ?? 0) > 85 ? "bg-red-500" : (pct ?? 0) > 65 ? "bg-amber-500" : "bg-emerald-500")} style={{ width: `${Math.min(100, pct ?? 0)}%` }} />
      </div>
    </div>
  );
}

/** kubectl get nodes + top nodes as cards: readiness, cordons, CPU and memory against allocatable. */
export function NodesPanel() {
  const actor = useActor();
  const cordon = useAction("cluster.cordon", [keys.cluster.all(), ["cluster", "nodes"]]);
  const [drain, setDrain] = useState<{ node: string } | null>(null);
  const cordonDenied = denialReason(actor.role, "cluster.cordon");
  const drainDenied = denialReason(actor.role, "cluster.drain");
  const nodes = useQuery({
    queryKey: ["cluster", "nodes"],
    queryFn: ({ signal }) => fetcher<{ nodes: NodeRow[] }>("/api/cluster/nodes", { signal }),
    refetchInterval: CLUSTER_REFRESH_MS * 2,
  });
  return (
    <section aria-labelledby="nodes-title" className="space-y-2">
      <h2 id="nodes-title" className="text-sm font-semibold text-slate-700">
        Nodes
      </h2>
      <ErrorNote error={nodes.error} title="Nodes could not be listed" />
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {nodes.data?.nodes.map((n) => (
          <li key={n.name} data-testid={`node-${n.name}`} data-ready={n.ready} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{n.name}</span>
              {n.ready ? <Badge tone="ok">Ready</Badge> : <Badge tone="down">NotReady{n.readyReason ? ` (${n.readyReason})` : ""}</Badge>}
              {!n.schedulable ? <Badge tone="warn">SchedulingDisabled</Badge> : null}
              <span className="ml-auto text-xs text-slate-500">
                {n.roles.join(",") || "worker"} · {n.pods} pods · {n.version}
              </span>
            </div>
            <div className="flex gap-1">
              <Button
                size="sm"
                variant="ghost"
                disabledReason={cordonDenied}
                disabled={cordon.isPending}
                onClick={() =>
                  cordon.mutate(
                    { input: { node: n.name, cordon: n.schedulable } },
                    { onSuccess: () => toast.success(`${n.name} ${n.schedulable ? "cordoned" : "uncordoned"}`), onError: toastActionError },
                  )
                }
              >
                {n.schedulable ? "Cordon" : "Uncordon"}
              </Button>
              <Button size="sm" variant="ghost" className="text-red-700" disabledReason={drainDenied} onClick={() => setDrain({ node: n.name })}>
                Drain…
              </Button>
            </div>
            <Usage label="CPU" used={n.cpu.usedMillis} total={n.cpu.allocatableMillis} unit={(m) => `${Math.round(m)}m`} />
            <Usage label="Memory" used={n.memory.usedMiB} total={n.memory.allocatableMiB} unit={(m) => (m >= 1024 ? `${(m / 1024).toFixed(1)}Gi` : `${Math.round(m)}Mi`)} />
          </li>
        ))}
      </ul>
      <ConfirmActionDialog
        actionId="cluster.drain"
        title={`Drain ${drain?.node ?? ""}`}
        input={drain}
        open={drain !== null}
        onOpenChange={(o) => !o && setDrain(null)}
        invalidates={[keys.cluster.all(), ["cluster", "nodes"]]}
        confirmLabel="Drain"
      />
    </section>
  );
}
