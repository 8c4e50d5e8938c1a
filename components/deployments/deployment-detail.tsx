"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useActor } from "@/components/shell/actor-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PanelError, TableHead } from "@/components/ui/panel";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { denialReason } from "@/lib/auth/policy";
import { approvalRefusal } from "@/lib/deployments/approval";
import { fetcher } from "@/lib/queries/fetcher";
import { keys } from "@/lib/queries/keys";
import { useWorkloads } from "@/lib/queries/use-cluster";
import { deploymentKeys, useDeployment } from "@/lib/queries/use-deployments";
import { ApprovalBadge } from "./approval-badge";

/** One request: exactly what would change (current image → new image), the decisions, and approve/reject for leads. */
export function DeploymentDetail({ id, clusterShown }: { id: string; clusterShown: boolean }) {
  const actor = useActor();
  const client = useQueryClient();
  const q = useDeployment(id);
  const d = q.data;
  const workloads = useWorkloads(d?.namespace ?? "", clusterShown);
  const [deciding, setDeciding] = useState<"approve" | "reject" | null>(null);
  const decide = useMutation({
    mutationFn: ({ decision, comment }: { decision: "approve" | "reject"; comment: string }) => fetcher(`/api/deployments/${id}/${decision}`, { method: "POST", body: { comment } }),
    onSuccess: () => setDeciding(null),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: deploymentKeys.all() }), client.invalidateQueries({ queryKey: keys.audit.all() })]),
  });

  if (q.error && !d) return <PanelError error={q.error} title="This deployment request could not be loaded" />;
  if (!d) return <p className="text-sm text-slate-500">Loading…</p>;
  const refusal =
    denialReason(actor.role, "deploy.approve") ??
    approvalRefusal(actor, d, d.required) ??
    (d.status !== "open" ? `The request is ${d.status}.` : null) ??
    (d.decisions.some((x) => x.by === actor.email && x.revision === d.revision) ? "You have decided on this revision already." : null);
  const current = (deployment: string, container: string) =>
    workloads.data?.workloads.find((w) => w.name === deployment)?.containers.find((c) => c.name === container)?.image ?? null;

  return (
    <div className="space-y-4" data-testid="deployment" data-approval={d.approval.state}>
      <header className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold">
            Deploy <span className="font-mono">{d.version}</span> to {d.environment}
          </h1>
          <ApprovalBadge d={d} />
          <Badge>{d.status}</Badge>
          <span className="ml-auto flex gap-2">
            <Button size="sm" variant="primary" disabledReason={refusal} onClick={() => setDeciding("approve")}>
              <Check className="size-4" aria-hidden /> Approve…
            </Button>
            <Button size="sm" disabledReason={refusal} onClick={() => setDeciding("reject")}>
              <X className="size-4" aria-hidden /> Reject…
            </Button>
          </span>
        </div>
        <p className="text-sm text-slate-700">{d.description}</p>
        <p className="text-sm text-slate-600">
          Requested by {d.requestedBy} <RelativeTime iso={d.requestedAt} /> · namespace {d.namespace} · revision {d.revision}
          {d.ciUrl ? (
            <>
              {" "}
              ·{" "}
              <a className="text-sky-800 underline" href={d.ciUrl}>
                CI run
              </a>
            </>
          ) : (
            " · no CI run attested"
          )}
        </p>
      </header>

      <section aria-labelledby="changes" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 id="changes" className="border-b border-slate-200 px-4 py-3 font-semibold">
          What will change
        </h2>
        <PanelError error={workloads.error} title="The current images could not be read from the cluster" />
        <table className="w-full text-sm" aria-label="Changes">
          <TableHead columns={[{ label: "Service" }, { label: "Deployment" }, { label: "Container" }, { label: "Now" }, { label: "After" }]} />
          <tbody className="divide-y divide-slate-100">
            {d.services.map((s) => {
              const now = current(s.deployment, s.container);
              return (
                <tr key={s.service} data-testid={`change-${s.service}`}>
                  <td className="px-4 py-2">{s.service}</td>
                  <td className="px-4 py-2">{s.deployment}</td>
                  <td className="px-4 py-2">{s.container}</td>
                  <td className="px-4 py-2 font-mono text-xs">{now ?? (clusterShown ? "…" : "(cluster not shown)")}</td>
                  <td className="px-4 py-2 font-mono text-xs font-semibold">{now === s.image ? `${s.image} (unchanged)` : s.image}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="approvals" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="approvals" className="font-semibold">
          Approval
        </h2>
        <p className="text-sm text-slate-700">
          {d.environment} needs: {d.required.join(" and ")} (not the requester).{" "}
          {d.approval.filled.map((f) => `${f.role}: ${f.by}`).join(", ") || "No approval yet."}
          {d.approval.expiresAt ? (
            <>
              {" "}
              · the approval runs out <RelativeTime iso={d.approval.expiresAt} />
            </>
          ) : null}
        </p>
        {d.approval.discarded.map((x) => (
          <p key={`${x.by}-${x.reason}`} className="text-xs text-amber-800">
            {x.by}&apos;s approval no longer counts: {x.reason === "expired" ? "it expired" : "the request changed since"}.
          </p>
        ))}
        <ol className="divide-y divide-slate-100 text-sm" aria-label="Decisions">
          {d.decisions.map((x, i) => (
            <li key={i} className="flex gap-3 py-1.5">
              <Badge tone={x.decision === "approve" ? "ok" : "down"}>{x.decision === "approve" ? "approved" : "rejected"}</Badge>
              <span>
                {x.by} ({x.role}), revision {x.revision}: {x.comment}
              </span>
              <span className="ml-auto text-slate-500">
                <RelativeTime iso={x.at} />
              </span>
            </li>
          ))}
        </ol>
      </section>
      <p className="text-sm">
        <Link href="/deployments" className="text-sky-800 hover:underline">
          ← All deployments
        </Link>
      </p>
      {deciding ? (
        <ReasonDialog
          title={deciding === "approve" ? `Approve ${d.version} to ${d.environment}` : `Reject ${d.version} to ${d.environment}`}
          description={deciding === "approve" ? "You approve exactly the changes listed, as the request is now." : "Say why; the requester sees it."}
          label="Comment"
          submitLabel={deciding === "approve" ? "Approve" : "Reject"}
          pending={decide.isPending}
          error={decide.error}
          onSubmit={(comment) => decide.mutate({ decision: deciding, comment })}
          onClose={() => setDeciding(null)}
        />
      ) : null}
    </div>
  );
}
