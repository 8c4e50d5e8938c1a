"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, Play, X } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useActor } from "@/components/shell/actor-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote } from "@/components/ui/error-note";
import { PanelError, TableHead } from "@/components/ui/panel";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { denialReason } from "@/lib/auth/policy";
import { approvalRefusal, executionRefusal } from "@/lib/deployments/approval";
import type { PreCheckReport } from "@/lib/deployments/checks";
import type { DeploymentView } from "@/lib/deployments/requests";
import { isHttpUrl } from "@/lib/http-url";
import { fetcher } from "@/lib/queries/fetcher";
import { keys } from "@/lib/queries/keys";
import { useWorkloads } from "@/lib/queries/use-cluster";
import { deploymentKeys, useDeployment, useDeploymentChecks } from "@/lib/queries/use-deployments";
import { ApprovalBadge } from "./approval-badge";
import { DeploymentTimeline } from "./deployment-timeline";
import { HotfixBadge, HotfixManualSteps, HotfixReminder, HotfixWindow } from "./hotfix";
import { PreChecks } from "./pre-checks";
import { RolloutProgress } from "./rollout-progress";
import { DeploymentStatusBadge } from "./status-badge";

/** One request: exactly what would change (current image → new image), the decisions, and approve/reject for leads. */
export function DeploymentDetail({ id, clusterShown }: { id: string; clusterShown: boolean }) {
  const actor = useActor();
  const client = useQueryClient();
  const q = useDeployment(id);
  const d = q.data;
  const workloads = useWorkloads(d?.namespace ?? "", clusterShown);
  const [deciding, setDeciding] = useState<"approve" | "reject" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const hotfix = d?.kind === "hotfix";
  const waiting = d?.status === "open" || d?.status === "interrupted";
  const checks = useDeploymentChecks(id, clusterShown && waiting);
  const execute = useMutation({
    mutationFn: () => fetcher(`/api/deployments/${id}/execute`, { method: "POST", body: {} }),
    onSuccess: () => setConfirming(false),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: deploymentKeys.all() }), client.invalidateQueries({ queryKey: keys.audit.all() })]),
  });
  const decide = useMutation({
    mutationFn: ({ decision, comment }: { decision: "approve" | "reject"; comment: string }) => fetcher(`/api/deployments/${id}/${decision}`, { method: "POST", body: { comment } }),
    onSuccess: () => setDeciding(null),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: deploymentKeys.all() }), client.invalidateQueries({ queryKey: keys.audit.all() })]),
  });

  if (q.error && !d) return <PanelError error={q.error} title="This deployment request could not be loaded" />;
  if (!d) return <p className="text-sm text-slate-500">Loading…</p>;
  const refusal =
    approvalRefusal(actor, d, d.required) ??
    denialReason(actor.role, "deploy.approve") ??
    (d.status !== "open" ? `The request is ${d.status}.` : null) ??
    (d.decisions.some((x) => x.by === actor.email && x.revision === d.revision) ? "You have decided on this revision already." : null);
  const cannotExecute = denialReason(actor.role, "deploy.execute") ?? executionRefusal(d, actor) ?? (checks.data && !checks.data.passed ? "A pre-deployment check is not passing." : null);
  const current = (deployment: string, container: string) =>
    workloads.data?.workloads.find((w) => w.name === deployment)?.containers.find((c) => c.name === container)?.image ?? null;

  return (
    <div className="space-y-4" data-testid="deployment" data-approval={d.approval.state} data-status={d.status}>
      <header className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="flex flex-wrap items-center gap-2">
          {d.kind === "hotfix" ? <HotfixBadge /> : null}
          <h1 className="text-xl font-semibold">
            {d.kind === "hotfix" ? "Hotfix" : "Deploy"} <span className="font-mono">{d.version}</span> to {d.environment}
          </h1>
          <ApprovalBadge d={d} />
          <DeploymentStatusBadge status={d.status} />
          <span className="ml-auto flex gap-2">
            {waiting ? (
              <Button size="sm" variant="primary" disabledReason={cannotExecute} onClick={() => setConfirming(true)}>
                <Play className="size-4" aria-hidden /> {d.status === "interrupted" ? "Execute again…" : "Execute…"}
              </Button>
            ) : null}
            {d.status === "open" ? (
              <>
                <Button size="sm" variant={cannotExecute ? "primary" : "secondary"} disabledReason={refusal} onClick={() => setDeciding("approve")}>
                  <Check className="size-4" aria-hidden /> {hotfix ? "Authorise…" : "Approve…"}
                </Button>
                <Button size="sm" disabledReason={refusal} onClick={() => setDeciding("reject")}>
                  <X className="size-4" aria-hidden /> Reject…
                </Button>
              </>
            ) : null}
          </span>
        </div>
        <p className="text-sm text-slate-700">
          {hotfix ? <span className="font-medium">Justification: </span> : null}
          {d.description}
        </p>
        <p className="text-sm text-slate-600">
          Requested by {d.requestedBy} <RelativeTime iso={d.requestedAt} /> · namespace {d.namespace} · revision {d.revision}
          {d.runId ? (
            <>
              {" "}
              ·{" "}
              <Link className="text-sky-800 underline" href={`/runs/${d.runId}`}>
                runbook {hotfix ? "3.2" : "3.1"} run
              </Link>
            </>
          ) : null}
          {isHttpUrl(d.ciUrl) ? (
            <>
              {" "}
              ·{" "}
              <a className="text-sky-800 underline" href={d.ciUrl}>
                CI run
              </a>
            </>
          ) : (
            hotfix ? " · hotfix: no CI run" : " · no CI run attested"
          )}
        </p>
      </header>

      <Outcome d={d} />
      <HotfixReminder d={d} />
      {hotfix && d.startedAt ? <HotfixWindow d={d} /> : null}
      {d.startedAt ? <RolloutProgress d={d} /> : null}
      {hotfix && waiting ? <HotfixManualSteps image={d.services[0]!.image} /> : null}

      <section aria-labelledby="changes" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 id="changes" className="border-b border-slate-200 px-4 py-3 font-semibold">
          {d.before ? "What changed" : "What will change"}
        </h2>
        <PanelError error={workloads.error} title="The current images could not be read from the cluster" />
        <table className="w-full text-sm" aria-label="Changes">
          <TableHead columns={[{ label: "Service" }, { label: "Deployment" }, { label: "Container" }, { label: d.before ? "Before" : "Now" }, { label: d.before ? "Deployed" : "After" }]} />
          <tbody className="divide-y divide-slate-100">
            {d.services.map((s) => {
              // Once executed, the images it started from (the cluster has moved on).
              const now = d.before ? (d.before[s.service]?.image ?? null) : current(s.deployment, s.container);
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
          {hotfix ? "A hotfix skips the normal approval; it needs an admin's authorisation" : `${d.environment} needs: ${d.required.join(" and ")}`} (not the requester).{" "}
          {hotfix
            ? d.authorisation
              ? `Authorised by ${d.authorisation.by} (${d.authorisation.role}): ${d.authorisation.comment}`
              : "Not authorised yet: it cannot be executed until an admin who did not request it authorises it."
            : d.approval.filled.map((f) => `${f.role}: ${f.by}`).join(", ") || "No approval yet."}
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
      <PreChecks
        report={waiting && clusterShown ? checks.data : lastRecordedChecks(d)}
        error={waiting ? checks.error : null}
        fetching={checks.isFetching}
        live={waiting && clusterShown}
        onRefresh={waiting && clusterShown ? () => void checks.refetch() : undefined}
      />
      <DeploymentTimeline d={d} />
      <p className="text-sm">
        <Link href="/deployments" className="text-sky-800 hover:underline">
          ← All deployments
        </Link>
      </p>
      <Dialog open={confirming} onOpenChange={(open) => !open && setConfirming(false)} title={`Execute ${d.version} to ${d.environment}`} description={
          hotfix
            ? "The checks run once more; then the deployment is scaled to one pod, the hotfix image set, that pod watched through the monitoring window, and the deployment scaled back to its replicas. If anything fails it is rolled back and scaled back automatically."
            : "The checks run once more; then each image is set and its rollout watched. If a rollout or a smoke test fails, every deployment that changed is rolled back automatically."
        }>
        <ul className="mb-3 space-y-1 font-mono text-xs">
          {d.services.map((s) => (
            <li key={s.service}>
              {s.deployment}/{s.container} → {s.image}
            </li>
          ))}
        </ul>
        <ErrorNote error={execute.error} title="Not executed" />
        <div className="mt-3 flex justify-end gap-2">
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button variant="primary" disabled={execute.isPending} onClick={() => execute.mutate()}>
            {execute.isPending ? "Checking…" : "Execute"}
          </Button>
        </div>
      </Dialog>
      {deciding ? (
        <ReasonDialog
          title={deciding === "approve" ? `${hotfix ? "Authorise hotfix" : "Approve"} ${d.version} to ${d.environment}` : `Reject ${d.version} to ${d.environment}`}
          description={
            deciding === "approve"
              ? hotfix
                ? "You authorise this hotfix outside the normal process: one pod first, a monitoring window, then scaled back. Your name goes on the record."
                : "You approve exactly the changes listed, as the request is now."
              : "Say why; the requester sees it."
          }
          label="Comment"
          submitLabel={deciding === "approve" ? (hotfix ? "Authorise" : "Approve") : "Reject"}
          pending={decide.isPending}
          error={decide.error}
          onSubmit={(comment) => decide.mutate({ decision: deciding, comment })}
          onClose={() => setDeciding(null)}
        />
      ) : null}
    </div>
  );
}

/** The checks as last written to the timeline (at request, approval or execution). */
function lastRecordedChecks(d: DeploymentView): PreCheckReport | undefined {
  return d.events.filter((e) => e.kind === "checks").at(-1)?.detail as PreCheckReport | undefined;
}

/** How it ended (or that it is under way), in one sentence a reader takes in first. */
function Outcome({ d }: { d: DeploymentView }) {
  if (d.status === "open") return null;
  const tone =
    d.status === "succeeded" ? "border-emerald-300 bg-emerald-50 text-emerald-900" : d.status === "executing" ? "border-sky-300 bg-sky-50 text-sky-900" : d.status === "rolled_back" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-red-300 bg-red-50 text-red-900";
  const text =
    d.status === "executing" ? `Executing since ${d.startedAt?.slice(11, 19)} UTC, by ${d.executedBy}.` : d.status === "cancelled" ? "Cancelled." : (d.outcome ?? d.status);
  return (
    <p role="status" data-testid="outcome" className={`rounded-lg border px-4 py-3 text-sm ${tone}`}>
      {text}
    </p>
  );
}
