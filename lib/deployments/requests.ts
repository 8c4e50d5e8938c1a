import "server-only";
// Deployment requests (runbook 3.1): an sre asks for a version in an environment, a lead who
// is not the requester approves or rejects, a change to the request needs a new approval.
import { AppError, validationError } from "@/lib/errors";
import type { Role } from "@/lib/auth/roles";
import type { Store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { approvalRefusal, approvalStatus, type ApprovalStatus, type Decision, hotfixAuthoriser } from "./approval";

export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

export type DeploymentView = {
  id: string;
  kind: "standard" | "hotfix";
  version: string;
  environment: string;
  namespace: string;
  services: { service: string; deployment: string; container: string; image: string }[];
  description: string;
  ciUrl: string | null;
  status: string;
  requestedBy: string;
  requestedAt: string;
  revision: number;
  required: Role[];
  approval: Omit<ApprovalStatus, "expiresAt"> & { expiresAt: string | null };
  decisions: { by: string; role: string; decision: string; comment: string; revision: number; at: string }[];
  /** A hotfix's authorisation that counts now: the admin, not its requester, who gave it. */
  authorisation: { by: string; role: string; comment: string; at: string } | null;
  executedBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** How it ended, in a sentence. */
  outcome: string | null;
  /** Each service's image and replicas before execution. */
  before: Record<string, { image: string | null; replicas: number; revision: string | null }> | null;
  /** The timeline: checks, lock, record, each set image and rollout reading, smoke tests, rollback, outcome. */
  events: DeploymentEventView[];
  /** A hotfix that went out stays a reminder ("create a proper PR for main") until a standard deployment of its service supersedes it. */
  reminder: { open: boolean; supersededBy: { id: string; version: string; at: string } | null } | null;
  /** The runbook 3.1/3.2 run this request carries out. */
  runId: string | null;
};

export type DeploymentEventView = { id: string; at: string; actor: string; kind: string; service: string | null; state: string; message: string; detail: unknown };

export type RequestInput = {
  kind?: "standard" | "hotfix";
  version: string;
  environment: string;
  services: string[];
  description: string;
  ciUrl?: string;
  /** The runbook 3.1/3.2 run this request carries out. */
  runId?: string;
};

/** Runbook 3.2 needs an admin's authorisation, whatever the environment's policy. */
export const HOTFIX_AUTHORISERS: Role[] = ["admin"];

/** The environment and services named, checked against DEPLOY_ENVIRONMENTS and SERVICE_MAP. */
function checkTargets(input: Pick<RequestInput, "environment" | "services" | "version" | "kind" | "description">) {
  const issues = [];
  if (input.kind === "hotfix") {
    if (input.services.length !== 1) issues.push({ path: "input.services", message: "a hotfix goes to one service (runbook 3.2: one pod first, then scale back)" });
    if (input.description.trim().length < 10) issues.push({ path: "input.description", message: "a hotfix needs a justification of at least 10 characters" });
  }
  const environments = env().DEPLOY_ENVIRONMENTS;
  if (!environments[input.environment]) issues.push({ path: "input.environment", message: `one of ${Object.keys(environments).join(", ")}` });
  const unknown = input.services.filter((s) => !env().SERVICE_MAP[s]);
  if (unknown.length) issues.push({ path: "input.services", message: `unknown: ${unknown.join(", ")}; known: ${Object.keys(env().SERVICE_MAP).join(", ")}` });
  if (new Set(input.services).size !== input.services.length) issues.push({ path: "input.services", message: "each service once" });
  if (!IMAGE_TAG.test(input.version)) issues.push({ path: "input.version", message: "must be an image tag like v2.4.0" });
  if (issues.length) throw validationError(issues);
}

export type EventState = "info" | "running" | "ok" | "failed" | "skipped";

/** One line of a deployment's timeline. */
export async function addDeploymentEvent(store: Store, id: string, actor: string, e: { kind: string; service?: string; state: EventState; message: string; detail?: unknown }) {
  await store.prisma.deploymentEvent.create({
    data: { requestId: id, actor, kind: e.kind, service: e.service ?? null, state: e.state, message: e.message, detail: e.detail === undefined ? undefined : (JSON.parse(JSON.stringify(e.detail)) as object) },
  });
}

export async function createDeploymentRequest(store: Store, input: RequestInput, actor: string): Promise<DeploymentView> {
  checkTargets(input);
  if (input.runId) await checkRun(store, input.runId, input.kind ?? "standard");
  const row = await store.prisma.deploymentRequest.create({
    data: { runId: input.runId ?? null, kind: input.kind ?? "standard", version: input.version, environment: input.environment, services: input.services, description: input.description, ciUrl: input.ciUrl ?? null, requestedBy: actor },
  });
  return getDeploymentRequest(store, row.id);
}

/** A request may carry out an open run of the runbook for its kind (3.1 standard, 3.2 hotfix), one live request at a time. */
async function checkRun(store: Store, runId: string, kind: "standard" | "hotfix") {
  const run = await store.prisma.runbookRun.findUnique({ where: { id: runId } });
  if (!run) throw validationError([{ path: "input.runId", message: `no run ${runId}` }]);
  const wanted = kind === "hotfix" ? "3.2-emergency-hotfix" : "3.1-standard-deployment";
  if (run.runbookId !== wanted) throw validationError([{ path: "input.runId", message: `a ${kind} deployment carries out a run of ${wanted}, not ${run.runbookId}` }]);
  if (run.status !== "in_progress" && run.status !== "escalated") throw new AppError("CONFLICT", `The run is ${run.status}; start a new run of ${run.title}.`);
  const live = await store.prisma.deploymentRequest.findFirst({ where: { runId, status: { in: ["open", "executing", "succeeded"] } } });
  if (live) throw new AppError("CONFLICT", `This run already has deployment ${live.version} (${live.status === "open" ? "not started" : live.status}); carry on with that one.`);
}

type Row = Awaited<ReturnType<typeof loadRow>>;

type Superseding = { id: string; version: string; at: string } | null;

function view(row: Omit<Row, "events"> & { events?: Row["events"] }, now: Date, supersededBy: Superseding = null): DeploymentView {
  const target = env().DEPLOY_ENVIRONMENTS[row.environment];
  const required = row.kind === "hotfix" ? HOTFIX_AUTHORISERS : ((target?.approvers ?? ["lead"]) as Role[]);
  const decisions: Decision[] = row.decisions.map((d) => ({ by: d.by, role: d.role as Role, decision: d.decision as Decision["decision"], comment: d.comment, revision: d.revision, at: d.at }));
  const approval = serialisable(approvalStatus({ requestedBy: row.requestedBy, revision: row.revision, decisions, required, ttlMs: env().DEPLOY_APPROVAL_TTL_MINUTES * 60_000, now }));
  const authoriser = hotfixAuthoriser({ kind: row.kind as DeploymentView["kind"], approval });
  const authorising = authoriser ? row.decisions.filter((d) => d.by === authoriser && d.decision === "approve" && d.revision === row.revision).at(-1) : undefined;
  return {
    id: row.id,
    kind: row.kind as DeploymentView["kind"],
    version: row.version,
    environment: row.environment,
    namespace: target?.namespace ?? "",
    services: (row.services as string[]).map((service) => {
      const s = env().SERVICE_MAP[service];
      return { service, deployment: s?.deployment ?? service, container: s?.container ?? service, image: `${s?.image ?? service}:${row.version}` };
    }),
    description: row.description,
    ciUrl: row.ciUrl,
    status: row.status,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    revision: row.revision,
    required,
    approval,
    decisions: row.decisions.map((d) => ({ by: d.by, role: d.role, decision: d.decision, comment: d.comment, revision: d.revision, at: d.at.toISOString() })),
    authorisation: authorising ? { by: authorising.by, role: authorising.role, comment: authorising.comment, at: authorising.at.toISOString() } : null,
    executedBy: row.executedBy,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    outcome: row.outcome,
    before: (row.before as DeploymentView["before"]) ?? null,
    events: (row.events ?? []).map((e) => ({ id: String(e.id), at: e.at.toISOString(), actor: e.actor, kind: e.kind, service: e.service, state: e.state, message: e.message, detail: e.detail })),
    reminder: row.kind === "hotfix" && row.status === "succeeded" ? { open: !supersededBy, supersededBy } : null,
    runId: row.runId,
  };
}

/** For each hotfix that went out: the first later standard deployment that shipped its service to the same environment. */
async function supersessions(store: Store, rows: Pick<Row, "id" | "kind" | "status" | "environment" | "services" | "finishedAt">[]): Promise<Map<string, Superseding>> {
  const hotfixes = rows.filter((r) => r.kind === "hotfix" && r.status === "succeeded" && r.finishedAt);
  const out = new Map<string, Superseding>();
  if (!hotfixes.length) return out;
  const since = new Date(Math.min(...hotfixes.map((h) => h.finishedAt!.getTime())));
  const later = await store.prisma.deploymentRequest.findMany({
    where: { kind: "standard", status: "succeeded", environment: { in: [...new Set(hotfixes.map((h) => h.environment))] }, startedAt: { gt: since } },
    orderBy: { startedAt: "asc" },
  });
  for (const h of hotfixes) {
    const service = (h.services as string[])[0];
    const s = later.find((l) => l.environment === h.environment && l.startedAt! > h.finishedAt! && (l.services as string[]).includes(service!));
    out.set(h.id, s ? { id: s.id, version: s.version, at: s.finishedAt!.toISOString() } : null);
  }
  return out;
}

const serialisable = (a: ApprovalStatus) => ({ ...a, expiresAt: a.expiresAt ? a.expiresAt.toISOString() : null });

async function loadRow(store: Store, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("NOT_FOUND", `No deployment request ${id}.`);
  const row = await store.prisma.deploymentRequest.findUnique({ where: { id }, include: { decisions: { orderBy: { id: "asc" } }, events: { orderBy: { id: "asc" } } } });
  if (!row) throw new AppError("NOT_FOUND", `No deployment request ${id}.`);
  return row;
}

export async function getDeploymentRequest(store: Store, id: string, now = new Date()): Promise<DeploymentView> {
  const row = await loadRow(store, id);
  return view(row, now, (await supersessions(store, [row])).get(row.id) ?? null);
}

export async function listDeploymentRequests(store: Store, options: { limit: number }, now = new Date()): Promise<DeploymentView[]> {
  const rows = await store.prisma.deploymentRequest.findMany({ orderBy: { requestedAt: "desc" }, take: options.limit, include: { decisions: { orderBy: { id: "asc" } } } });
  const superseded = await supersessions(store, rows);
  return rows.map((r) => view(r, now, superseded.get(r.id) ?? null));
}

/** The requester changes the request: a new revision, so earlier approvals no longer count. */
export async function updateDeploymentRequest(store: Store, id: string, patch: Partial<Pick<RequestInput, "version" | "services" | "description">>, actor: string): Promise<DeploymentView> {
  const row = await loadRow(store, id);
  if (row.requestedBy !== actor) throw new AppError("FORBIDDEN", "Only the requester can change a deployment request.");
  if (row.status !== "open") throw new AppError("CONFLICT", `The request is ${row.status}; it can no longer change.`);
  checkTargets({ kind: row.kind as RequestInput["kind"], environment: row.environment, services: patch.services ?? (row.services as string[]), version: patch.version ?? row.version, description: patch.description ?? row.description });
  const { count } = await store.prisma.deploymentRequest.updateMany({
    where: { id, revision: row.revision, status: "open" },
    data: { ...patch, revision: { increment: 1 }, updatedAt: new Date() },
  });
  if (!count) throw new AppError("CONFLICT", "The request changed meanwhile; reload it.");
  return getDeploymentRequest(store, id);
}

/** A lead's approval or rejection of the request as it is now (its revision). */
export async function decideDeploymentRequest(
  store: Store,
  id: string,
  actor: { email: string; role: Role },
  decision: "approve" | "reject",
  comment: string,
): Promise<DeploymentView> {
  const before = view(await loadRow(store, id), new Date());
  if (before.status !== "open") throw new AppError("CONFLICT", `The request is ${before.status}; it can no longer be ${decision === "approve" ? "approved" : "rejected"}.`);
  const refusal = approvalRefusal(actor, before, before.required);
  if (refusal) throw new AppError("FORBIDDEN", refusal);
  await store.prisma.deploymentDecision.create({ data: { requestId: id, by: actor.email, role: actor.role, decision, comment, revision: before.revision } });
  return getDeploymentRequest(store, id);
}
