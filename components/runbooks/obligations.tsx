"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Hourglass } from "lucide-react";
import { useState } from "react";
import { useActor } from "@/components/shell/actor-context";
import { Button } from "@/components/ui/button";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { denialReason } from "@/lib/auth/policy";
import { fetcher } from "@/lib/queries/fetcher";
import { keys } from "@/lib/queries/keys";
import { runKeys } from "@/lib/queries/use-runbooks";
import type { Obligation } from "@/lib/runbooks/runs";
import type { Step } from "@/lib/runbooks/types";

/** The temporary mitigations still in place, each with its undo step and a way to record why it stays. */
export function Obligations({ runId, obligations, steps, open }: { runId: string; obligations: Obligation[]; steps: Step[]; open: boolean }) {
  const actor = useActor();
  const client = useQueryClient();
  const [waiving, setWaiving] = useState<Obligation | null>(null);
  const waive = useMutation({
    mutationFn: ({ obligation, reason }: { obligation: Obligation; reason: string }) => fetcher(`/api/runs/${runId}/steps/${obligation.openedByStep}`, { method: "POST", body: { op: "waive", reason } }),
    onSuccess: () => setWaiving(null),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: runKeys.run(runId) }), client.invalidateQueries({ queryKey: keys.audit.all() })]),
  });
  const title = (id: string | null) => steps.find((s) => s.id === id)?.title ?? id;
  const active = obligations.filter((o) => o.state === "open");
  const settled = obligations.filter((o) => o.state !== "open");
  if (!obligations.length) return null;

  return (
    <section aria-label="Obligations" className="space-y-2">
      {active.map((o) => (
        <div key={o.id} role="status" data-testid={`obligation-${o.id}`} data-state="open" className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <Hourglass className="size-4 shrink-0" aria-hidden />
          <span className="font-medium">Open obligation: {o.text}.</span>
          <span className="text-amber-900">
            Since step “{title(o.openedByStep)}” by {o.openedBy}
            {o.openedAt ? (
              <>
                {" "}
                <RelativeTime iso={o.openedAt} />
              </>
            ) : null}
            .
          </span>
          <span className="ml-auto flex gap-2">
            {o.closingStep ? (
              <a href={`#step-${o.closingStep}`} className="rounded-md border border-amber-400 px-2.5 py-1 hover:bg-amber-100">
                Undo: {title(o.closingStep)}
              </a>
            ) : null}
            {open ? (
              <Button size="sm" variant="ghost" disabledReason={denialReason(actor.role, "runbook.step")} onClick={() => setWaiving(o)}>
                Record why it stays…
              </Button>
            ) : null}
          </span>
        </div>
      ))}
      {settled.map((o) => (
        <p key={o.id} data-testid={`obligation-${o.id}`} data-state={o.state} className="px-1 text-xs text-slate-600">
          {o.state === "closed" ? `Undone: ${o.text} — by ${o.closedBy} (“${title(o.closingStep)}”)` : `Stays in place: ${o.text} — ${o.reason} (${o.closedBy})`}
        </p>
      ))}
      {waiving ? (
        <ReasonDialog
          title="Why does this stay in place?"
          description={waiving.text}
          label="Reason"
          submitLabel="Record"
          pending={waive.isPending}
          error={waive.error}
          onSubmit={(reason) => waive.mutate({ obligation: waiving, reason })}
          onClose={() => setWaiving(null)}
        />
      ) : null}
    </section>
  );
}
