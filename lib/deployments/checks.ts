import "server-only";
// Runbook 3.1's prerequisites and `pre-deploy-check.sh`, as a checklist the console runs at
// request time, at approval, and again just before execution: no ongoing incident, the
// target deployments exist and are healthy, the tag is well-formed, CI passed, and the
// API server accepts every image change (a server-side dry run).
import { AppError } from "@/lib/errors";
import type { Store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { isHttpUrl } from "@/lib/http-url";
import { getRolloutStatus } from "@/lib/ops/kube/rollout-status";
import { setDeploymentImage } from "@/lib/ops/kube/set-image";
import { fetchAlertmanagerAlerts, fetchAlerts } from "@/lib/ops/prometheus/alerts";
import { readCiStatus } from "@/lib/ops/http/ci-status";
import { hotfixAuthoriser } from "./approval";
import { addDeploymentEvent, type DeploymentView, IMAGE_TAG } from "./requests";

export type CheckId = "tag" | "incidents" | "targets" | "dry-run" | "ci" | "authorised";

export type PreCheck = {
  id: CheckId;
  label: string;
  state: "ok" | "failed" | "error";
  /** One sentence: what was found, or why it could not be checked. */
  detail: string;
  items?: string[];
};

export type PreCheckReport = { at: string; passed: boolean; checks: PreCheck[] };

const LABELS: Record<CheckId, string> = {
  tag: "Image tag is well-formed",
  incidents: "No ongoing incidents",
  targets: "Target deployments exist and are healthy",
  "dry-run": "The API server accepts each change (server-side dry run)",
  ci: "All tests passing in CI",
  authorised: "Authorised by an admin who is not the requester",
};

/** Runs every check (concurrently); a check that cannot run is an "error", which blocks like a failure. */
export async function runPreChecks(store: Store, d: DeploymentView, now = new Date()): Promise<PreCheckReport> {
  const run = async (id: CheckId, fn: () => Promise<Omit<PreCheck, "id" | "label">> | Omit<PreCheck, "id" | "label">): Promise<PreCheck> => {
    try {
      return { id, label: LABELS[id], ...(await fn()) };
    } catch (err) {
      return { id, label: LABELS[id], state: "error", detail: `Could not check: ${err instanceof AppError ? err.message : "unexpected error"}` };
    }
  };
  const checks = await Promise.all([
    run("tag", () => tagCheck(d.version)),
    run("incidents", () => incidentCheck(store, d)),
    run("targets", () => targetCheck(d)),
    run("dry-run", () => dryRunCheck(d)),
    run("ci", () => ciCheck(d)),
    ...(d.kind === "hotfix" ? [run("authorised", () => authorisationCheck(d))] : []),
  ]);
  return { at: now.toISOString(), passed: checks.every((c) => c.state === "ok"), checks };
}

export function tagCheck(version: string): Omit<PreCheck, "id" | "label"> {
  if (!IMAGE_TAG.test(version)) return { state: "failed", detail: `"${version}" is not an image tag.` };
  if (version === "latest") return { state: "failed", detail: `"latest" names no particular build; deploy a version tag such as v2.4.1.` };
  return { state: "ok", detail: `${version} is a pinned image tag.` };
}

async function incidentCheck(store: Store, d: DeploymentView): Promise<Omit<PreCheck, "id" | "label">> {
  const items: string[] = [];
  const runs = await store.prisma.runbookRun.findMany({
    where: { status: { in: ["in_progress", "escalated"] }, severity: { in: ["SEV1", "SEV2"] }, drill: false },
    orderBy: { startedAt: "asc" },
  });
  for (const r of runs) items.push(`${r.severity} run open: ${r.title} (started by ${r.startedBy})`);
  const { ALERTMANAGER_URL, PROMETHEUS_URL, HEALTH_TIMEOUT_MS } = env();
  const alerts = ALERTMANAGER_URL
    ? await fetchAlertmanagerAlerts({ baseUrl: ALERTMANAGER_URL, timeoutMs: HEALTH_TIMEOUT_MS })
    : PROMETHEUS_URL
      ? await fetchAlerts({ baseUrl: PROMETHEUS_URL, timeoutMs: HEALTH_TIMEOUT_MS })
      : null;
  for (const a of alerts ?? []) if (a.state === "firing" && a.severity === "critical") items.push(`critical alert firing: ${a.name}${a.summary ? ` — ${a.summary}` : ""}`);
  const source = alerts === null ? "no alert source is configured" : `no critical alert firing in ${ALERTMANAGER_URL ? "Alertmanager" : "Prometheus"}`;
  if (d.kind === "hotfix" && items.length) return { state: "ok", detail: `A hotfix may go out during an incident (${items.length} open).`, items };
  return items.length ? { state: "failed", detail: `${items.length} ongoing incident signal${items.length === 1 ? "" : "s"}.`, items } : { state: "ok", detail: `No open SEV1/SEV2 run; ${source}.` };
}

async function targetCheck(d: DeploymentView): Promise<Omit<PreCheck, "id" | "label">> {
  const statuses = await Promise.all(d.services.map((s) => getRolloutStatus({ namespace: d.namespace, kind: "Deployment", name: s.deployment })));
  const unhealthy = statuses.filter((s) => s.phase !== "complete" || s.available < s.desired);
  const items = statuses.map((s) => `${s.name}: ${s.available}/${s.desired} available, ${s.message}`);
  if (d.kind === "hotfix") {
    // A hotfix is often for a deployment that is failing: it has to exist, not to be healthy.
    return { state: "ok", detail: unhealthy.length ? `${unhealthy.map((s) => s.name).join(", ")} exists but is not healthy now; a hotfix may go to it.` : `${statuses.map((s) => s.name).join(", ")} exists and is fully available.`, items };
  }
  return unhealthy.length
    ? { state: "failed", detail: `${unhealthy.map((s) => s.name).join(", ")} ${unhealthy.length === 1 ? "is" : "are"} not healthy now.`, items }
    : { state: "ok", detail: `All ${statuses.length} deployments in ${d.namespace} are fully available.`, items };
}

async function dryRunCheck(d: DeploymentView): Promise<Omit<PreCheck, "id" | "label">> {
  const results = await Promise.all(
    d.services.map(async (s) => {
      try {
        const r = await setDeploymentImage({ namespace: d.namespace, name: s.deployment, container: s.container, image: s.image, dryRun: true });
        return { ok: true, line: `${s.deployment}/${s.container}: ${r.from ?? "?"} → ${r.to}` };
      } catch (err) {
        return { ok: false, line: `${s.deployment}/${s.container}: ${err instanceof AppError ? err.message : "refused"}` };
      }
    }),
  );
  const refused = results.filter((r) => !r.ok).length;
  return refused
    ? { state: "failed", detail: `The API server refused ${refused} of ${results.length} changes.`, items: results.map((r) => r.line) }
    : { state: "ok", detail: `The API server accepted all ${results.length} image changes (dryRun=All).`, items: results.map((r) => r.line) };
}

/** Runbook 3.2: a hotfix stands on an admin's authorisation, given by someone other than its requester. */
export function authorisationCheck(d: Pick<DeploymentView, "kind" | "requestedBy" | "approval">): Omit<PreCheck, "id" | "label"> {
  const by = hotfixAuthoriser(d);
  if (by) return { state: "ok", detail: `Authorised by ${by} (admin), who did not request it.` };
  if (d.approval.rejectedBy) return { state: "failed", detail: `Refused by ${d.approval.rejectedBy.by}: ${d.approval.rejectedBy.comment}` };
  return { state: "failed", detail: `Not authorised yet: an admin who is not ${d.requestedBy} must authorise it.` };
}

/** The report with its authorisation check read again from the request as it is now (after a decision). */
export function withCurrentAuthorisation(report: PreCheckReport, d: DeploymentView): PreCheckReport {
  const checks = report.checks.map((c) => (c.id === "authorised" ? { ...c, ...authorisationCheck(d) } : c));
  return { ...report, checks, passed: checks.every((c) => c.state === "ok") };
}

async function ciCheck(d: DeploymentView): Promise<Omit<PreCheck, "id" | "label">> {
  if (d.kind === "hotfix") return { state: "ok", detail: "A hotfix bypasses CI (runbook 3.2: tested locally); the admin's authorisation and the justification stand in for it." };
  const endpoint = env().CI_STATUS_URL;
  if (!endpoint) {
    // Only an http(s) link is a CI run; a row from before that rule (javascript:, file:) attests nothing.
    return isHttpUrl(d.ciUrl) ? { state: "ok", detail: `Attested by the requester: ${d.ciUrl}` } : { state: "failed", detail: "No CI run attested; add the CI run's http(s) URL to the request." };
  }
  const url = endpoint.replaceAll("{version}", encodeURIComponent(d.version));
  const body = await readCiStatus({ url, timeoutMs: env().HEALTH_TIMEOUT_MS });
  return body.state === "success"
    ? { state: "ok", detail: `CI reports success for ${d.version}${body.url ? `: ${body.url}` : ""}.` }
    : { state: "failed", detail: `CI reports "${body.state ?? "no state"}" for ${d.version}.` };
}

/** Runs the checks and writes them to the deployment's timeline ("at request", "at approval"). */
export async function recordPreChecks(store: Store, d: DeploymentView, actor: string, when: string, ran?: PreCheckReport): Promise<PreCheckReport> {
  const report = ran ?? (await runPreChecks(store, d));
  const failing = report.checks.filter((c) => c.state !== "ok");
  await addDeploymentEvent(store, d.id, actor, {
    kind: "checks",
    state: report.passed ? "ok" : "failed",
    message: report.passed ? `Pre-deployment checks passed ${when}` : `Pre-deployment checks ${when}: ${failing.length} not passing (${failing.map((c) => c.label.toLowerCase()).join("; ")})`,
    detail: report,
  });
  return report;
}
