// Executing deployments against the sandbox cluster, through the action path on a real store:
// the happy path with its record, rollouts, smoke tests and notifications; a bad image and a
// failed smoke test each rolled back automatically; the environment lock; who may execute;
// approval backed by a dry run; a stopped console's deployment marked interrupted.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorRef } from "@/lib/actions/define-action";
import { actOn, PEOPLE, refusal } from "@/test/actions";
import { AppError } from "@/lib/errors";
import { requireKube } from "@/lib/ops/kube/client";
import { useSandboxCluster } from "@/test/sandbox-cluster";
import { makeTestStore, type TestStore } from "@/test/stores";
import { findRunbook } from "@/lib/runbooks/catalogue";
import { applyStepOp, getRun, startRun } from "@/lib/runbooks/runs";
import { timelineMarkdown } from "@/lib/runbooks/timeline";
import { toAuditRow } from "@/lib/audit/query-events";
import { authenticateToken } from "@/lib/tokens/api-tokens";
import { interruptStaleDeployments } from "@/lib/actions/system-sweeps";
import { type DeploymentView, getDeploymentRequest } from "./requests";

const cluster = useSandboxCluster();
let t: TestStore;
let server: Server;
/** What the fake API gateway answers, and every notification the webhook received. */
const gateway = { down: false, upAgainOnFailureNotice: false };
const notices: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/health") {
      res.writeHead(gateway.down ? 503 : 200, { "content-type": "application/json" });
      return void res.end(JSON.stringify(gateway.down ? { status: "down" } : { status: "ok" }));
    }
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const text = (JSON.parse(body) as { text: string }).text;
      notices.push(text);
      if (gateway.upAgainOnFailureNotice && text.startsWith("❌")) gateway.down = false;
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Read by env() on first use, which is after this.
  process.env.NOTIFY_WEBHOOK_URL = `${base}/hooks/deploys`;
  process.env.DEPLOY_STALL_SECONDS = "2";
  process.env.HOTFIX_WINDOW_SECONDS = "2";
  process.env.DEPLOY_ENVIRONMENTS = JSON.stringify({
    staging: { namespace: "phoenix-staging", approvers: ["lead"], smoke: [{ name: "API health", url: `${base}/health`, contains: '"status":"ok"' }] },
    production: { namespace: "phoenix-system", approvers: ["lead"], smoke: [{ name: "API health", url: `${base}/health` }] },
    qa: { namespace: "phoenix-experiments", approvers: ["lead"] },
  });
  t = await makeTestStore("pglite");
});
afterAll(async () => {
  await t?.dispose();
  await new Promise((r) => server?.close(r));
  for (const k of ["NOTIFY_WEBHOOK_URL", "DEPLOY_STALL_SECONDS", "HOTFIX_WINDOW_SECONDS", "DEPLOY_ENVIRONMENTS"]) delete process.env[k];
});

const { sre, sre2, lead, admin } = PEOPLE;
const run = actOn(() => t.store);
const act = <T = DeploymentView>(id: string, actor: ActorRef, input: unknown) => run<T>(id, actor, input);
const refused = refusal;

async function approved(version: string, services: string[], environment = "staging") {
  const req = await act("deploy.request", sre, { version, environment, services, description: `release ${version}`, ciUrl: "https://ci.example/runs/1" });
  return act("deploy.approve", lead, { id: req.id, comment: "diff checked" });
}

async function finished(id: string, ms = 45_000): Promise<DeploymentView> {
  const until = Date.now() + ms;
  for (;;) {
    const d = await getDeploymentRequest(t.store, id);
    if (d.status !== "executing") return d;
    if (Date.now() > until) throw new Error(`still executing after ${ms} ms: ${d.events.at(-1)?.message}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function imageOf(namespace: string, name: string) {
  const dep = await requireKube().apps.readNamespacedDeployment({ name, namespace });
  return dep.spec!.template.spec!.containers[0]!.image;
}

describe("executing a deployment", () => {
  it("records it, sets each image, watches the rollouts, smoke-tests, notifies — and says so on its timeline", async () => {
    expect(cluster.sandbox).toBeTruthy();
    const d = await approved("v2.5.0", ["api", "controller", "generator"]);
    expect(d.events.filter((e) => e.kind === "checks").map((e) => [e.message, e.state])).toEqual([
      ["Pre-deployment checks passed at request", "ok"],
      ["Pre-deployment checks passed at approval", "ok"],
    ]);
    const started = await act<{ deployment: DeploymentView }>("deploy.execute", sre, { id: d.id });
    expect(started.deployment).toMatchObject({ status: "executing", executedBy: "sre@phoenix.local" });

    const done = await finished(d.id);
    expect(done.status, done.outcome ?? "").toBe("succeeded");
    expect(done.outcome).toMatch(/^Deployed v2\.5\.0 to staging in \d+\.\d s; smoke tests passed\.$/);
    expect(done.before).toMatchObject({ api: { image: "ghcr.io/phoenix/platform/api:v2.4.0-rc.1", replicas: 1 } });
    for (const [name, service] of [["phoenix-api", "api"], ["experiment-controller", "controller"], ["config-generator", "generator"]]) {
      expect(await imageOf("phoenix-staging", name!)).toBe(`ghcr.io/phoenix/platform/${service}:v2.5.0`);
    }
    const kinds = done.events.map((e) => `${e.kind}${e.service ? `:${e.service}` : ""}:${e.state}`);
    expect(kinds).toEqual(expect.arrayContaining(["lock:ok", "record:ok", "set-image:api:ok", "set-image:controller:ok", "set-image:generator:ok", "rollout:api:ok", "rollout:controller:ok", "rollout:generator:ok", "smoke:ok", "outcome:ok"]));
    expect(done.events.find((e) => e.kind === "rollout" && e.service === "api" && e.state === "ok")!.message).toBe('deployment "phoenix-api" successfully rolled out');
    expect(kinds.indexOf("smoke:ok")).toBeGreaterThan(Math.max(...["api", "controller", "generator"].map((s) => kinds.indexOf(`rollout:${s}:ok`))));

    // The seed's deployment record, in the cluster.
    const record = await requireKube().core.readNamespacedConfigMap({ name: "deployment-v2.5.0", namespace: "phoenix-staging" });
    expect(record.data).toMatchObject({ version: "v2.5.0", deployer: "sre@phoenix.local", environment: "staging" });

    expect(notices.filter((n) => n.includes("v2.5.0 to staging"))).toEqual([expect.stringMatching(/^🚀 Deploying v2\.5\.0 to staging \(api, controller, generator\)/), expect.stringMatching(/^✅ Deployed v2\.5\.0 to staging in/)]);
    const audit = await t.store.prisma.auditEvent.findMany({ where: { action: { in: ["deploy.record", "deploy.set-image"] }, stage: "outcome" }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => [e.action, e.actor, e.onBehalfOf, e.outcome])).toEqual([
      ["deploy.record", "system:deploy-pipeline", "sre@phoenix.local", "ok"],
      ["deploy.set-image", "system:deploy-pipeline", "sre@phoenix.local", "ok"],
      ["deploy.set-image", "system:deploy-pipeline", "sre@phoenix.local", "ok"],
      ["deploy.set-image", "system:deploy-pipeline", "sre@phoenix.local", "ok"],
    ]);
    // Done is done.
    expect((await refused(act("deploy.execute", sre, { id: d.id }))).message).toMatch(/is succeeded; it cannot be executed again/);
  });

  it("rolls back automatically when the new image cannot be pulled, and says why", async () => {
    const d = await approved("v2.5.1-bad", ["api", "generator"]);
    await act("deploy.execute", lead, { id: d.id }); // an approver may execute too
    const done = await finished(d.id);
    expect(done.status, done.outcome ?? "").toBe("rolled_back");
    expect(done.outcome).toMatch(/^Rollout failed: phoenix-api: pod phoenix-api-\S+ (ImagePullBackOff|ErrImagePull) for \d+ s; config-generator: pod \S+ (ImagePullBackOff|ErrImagePull) for \d+ s\. Rolled back automatically: api, generator run their previous images again and the smoke tests pass\.$/);
    expect(await imageOf("phoenix-staging", "phoenix-api")).toBe("ghcr.io/phoenix/platform/api:v2.5.0");
    expect(await imageOf("phoenix-staging", "config-generator")).toBe("ghcr.io/phoenix/platform/generator:v2.5.0");
    const kinds = done.events.map((e) => `${e.kind}${e.service ? `:${e.service}` : ""}:${e.state}`);
    expect(kinds).toEqual(expect.arrayContaining(["rollout:api:failed", "failure:failed", "rollback:running", "rollback:api:ok", "rollback:generator:ok", "smoke:ok", "outcome:failed"]));
    expect(kinds).not.toContain("smoke:failed");
    expect(notices.filter((n) => n.includes("v2.5.1-bad"))).toEqual([
      expect.stringMatching(/^🚀 Deploying/),
      expect.stringMatching(/^❌ Deployment of v2\.5\.1-bad to staging failed: Rollout failed: phoenix-api: pod/),
      "↩️ Rolled back v2.5.1-bad to staging: api, generator back on their previous images",
    ]);
    const rollbacks = await t.store.prisma.auditEvent.findMany({ where: { action: "deploy.rollback", stage: "outcome" } });
    expect(rollbacks.map((e) => [e.actor, e.onBehalfOf, e.target, e.outcome])).toEqual([
      ["system:deploy-pipeline", "lead@phoenix.local", "deployment/phoenix-api -n phoenix-staging", "ok"],
      ["system:deploy-pipeline", "lead@phoenix.local", "deployment/config-generator -n phoenix-staging", "ok"],
    ]);
  });

  it("rolls back when the smoke tests fail after a complete rollout", async () => {
    const d = await approved("v2.5.2", ["controller"]);
    gateway.down = true;
    gateway.upAgainOnFailureNotice = true; // the old version serves again once rolled back
    await act("deploy.execute", sre, { id: d.id });
    const done = await finished(d.id);
    expect(done.status, done.outcome ?? "").toBe("rolled_back");
    expect(done.outcome).toMatch(/^Smoke tests failed: API health: HTTP 503, expected 2xx/);
    expect(done.events.filter((e) => e.kind === "smoke").map((e) => e.message)).toEqual([
      expect.stringMatching(/^API health after the rollout: HTTP 503, expected 2xx$/),
      expect.stringMatching(/^API health after the rollback: HTTP 200 in \d+ ms$/),
    ]);
    expect(await imageOf("phoenix-staging", "experiment-controller")).toBe("ghcr.io/phoenix/platform/controller:v2.5.0");
  });

  it("executes one deployment per environment at a time, across racing requests", async () => {
    const [a, b] = [await approved("v2.6.0", ["api"]), await approved("v2.6.1", ["api"])];
    const results = await Promise.allSettled([act("deploy.execute", sre, { id: a.id }), act("deploy.execute", sre, { id: b.id })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(AppError);
    expect((loser.reason as AppError).message).toMatch(/^v2\.6\.[01] is being deployed to staging \(started by sre@phoenix\.local at \d\d:\d\d:\d\d UTC\); one deployment per environment at a time/);
    // Another environment is not held up.
    const prod = await approved("v2.6.0", ["generator"], "production");
    await act("deploy.execute", sre, { id: prod.id });
    const winner = results[0]!.status === "fulfilled" ? a : b;
    expect((await finished(winner.id)).status).toBe("succeeded");
    expect((await finished(prod.id)).status).toBe("succeeded");
    // The lock is released: the other one may go now.
    const other = winner === a ? b : a;
    await act("deploy.execute", sre, { id: other.id });
    expect((await finished(other.id)).status).toBe("succeeded");
  });

  it("is executed only once approved, by the requester or an approver, with every check passing", async () => {
    const pending = await act("deploy.request", sre, { version: "v2.7.0", environment: "staging", services: ["api"], description: "not yet approved", ciUrl: "https://ci.example/runs/2" });
    expect((await refused(act("deploy.execute", sre, { id: pending.id }))).message).toBe("Needs approval by lead first.");
    const d = await act("deploy.approve", lead, { id: pending.id, comment: "approved" });
    expect((await refused(act("deploy.execute", sre2, { id: d.id }))).message).toBe("Only the requester or an approver can execute this deployment.");
    // No CI run attested: the check fails and nothing runs.
    const unattested = await act("deploy.request", sre, { version: "v2.7.1", environment: "staging", services: ["api"], description: "no CI" });
    expect(unattested.events.at(-1)!.message).toBe("Pre-deployment checks at request: 1 not passing (all tests passing in ci)");
    await act("deploy.approve", lead, { id: unattested.id, comment: "approved" });
    const err = await refused(act("deploy.execute", sre, { id: unattested.id }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toBe("Not executed: All tests passing in CI — No CI run attested; add the CI run's http(s) URL to the request.");
    expect((await getDeploymentRequest(t.store, unattested.id)).status).toBe("open");
  });

  it("is approved only when the cluster accepts each change in a server-side dry run", async () => {
    // qa's namespace has no phoenix-api deployment.
    const req = await act("deploy.request", sre, { version: "v2.8.0", environment: "qa", services: ["api"], description: "qa build", ciUrl: "https://ci.example/runs/3" });
    const checks = req.events.at(-1)!.detail as { checks: { id: string; state: string; items?: string[] }[] };
    expect(checks.checks.find((c) => c.id === "targets")!.state).toBe("error");
    const err = await refused(act("deploy.approve", lead, { id: req.id, comment: "looks fine" }));
    expect(err.message).toMatch(/^Not approved: the cluster does not accept the change as it stands\. The API server refused 1 of 1 changes\. phoenix-api\/api: read deployment phoenix-api: .*not found/);
    expect((await getDeploymentRequest(t.store, req.id)).approval.state).toBe("pending");
  });

  it("marks a deployment whose console stopped as interrupted, with what the cluster runs, and releases the lock", async () => {
    const d = await approved("v2.9.0", ["api"]);
    // As a console that took the lock and died a minute ago would leave it.
    await t.store.prisma.deploymentRequest.update({ where: { id: d.id }, data: { status: "executing", executedBy: "sre@phoenix.local", startedAt: new Date(Date.now() - 60_000), heartbeatAt: new Date(Date.now() - 60_000) } });
    expect(await interruptStaleDeployments(t.store)).toBe(1);
    const after = await getDeploymentRequest(t.store, d.id);
    expect(after.status).toBe("interrupted");
    expect(after.outcome).toMatch(/^The console stopped while executing \(last heartbeat .*\)\. The cluster now: phoenix-api runs ghcr\.io\/phoenix\/platform\/api:v2\.6\.[01] \(1\/1 available: deployment "phoenix-api" successfully rolled out\)\.$/);
    // Audit checkpoint notices share the webhook, so pick this deployment's.
    expect(notices.filter((n) => n.includes("v2.9.0")).at(-1)).toMatch(/^⚠️ Deployment of v2\.9\.0 to staging was interrupted/);
    // The sweep's change is on the record like anyone's: intent, then outcome, for the person whose deployment it was.
    const swept = await t.store.prisma.auditEvent.findMany({ where: { action: "deploy.interrupt" }, orderBy: { seq: "asc" } });
    expect(swept.map((e) => [e.stage, e.outcome, e.actor, e.onBehalfOf, e.target])).toEqual([
      ["intent", "started", "system:deploy-sweeper", "sre@phoenix.local", `deployment-request:${d.id}`],
      ["outcome", "ok", "system:deploy-sweeper", "sre@phoenix.local", `deployment-request:${d.id}`],
    ]);
    expect(await interruptStaleDeployments(t.store)).toBe(0);
    // It may be executed again, and this time it completes.
    await act("deploy.execute", sre, { id: d.id });
    expect((await finished(d.id)).status).toBe("succeeded");
  });

  it("runs a hotfix as runbook 3.2 says, authorised by an admin: one pod, a monitoring window, scaled back; a reminder until superseded", async () => {
    const version = "hotfix-a1b2c3d";
    const req = await act("deploy.request", sre, { kind: "hotfix", version, environment: "production", services: ["api"], description: "checkout 500s: null pointer in the pricing client" });
    expect(req).toMatchObject({ kind: "hotfix", required: ["admin"], approval: { state: "pending", missing: ["admin"] } });
    // A lead's approval does not do for a hotfix; an admin who did not request it authorises.
    expect((await refused(act("deploy.approve", lead, { id: req.id, comment: "fine by me" }))).message).toBe("Needs the admin role to approve (you are lead).");
    const authorised = await act("deploy.approve", admin, { id: req.id, comment: "authorised: customer impact" });
    expect(authorised.approval.state).toBe("approved");
    const checks = (authorised.events.at(-1)!.detail as { checks: { id: string; state: string; detail: string }[] }).checks;
    expect(checks.find((c) => c.id === "ci")).toMatchObject({ state: "ok", detail: expect.stringMatching(/^A hotfix bypasses CI/) });

    await act("deploy.execute", sre, { id: req.id });
    const done = await finished(req.id);
    expect(done.status, done.outcome ?? "").toBe("succeeded");
    expect(done.outcome).toMatch(/^Hotfix hotfix-a1b2c3d live on phoenix-api in production \(3 replicas\) in \d+\.\d s; smoke tests passed\.$/);
    const steps = done.events.filter((e) => ["record", "scale", "set-image", "window"].includes(e.kind)).map((e) => `${e.kind}:${e.state}: ${e.message}`);
    expect(steps).toEqual([
      "record:ok: Recorded phoenix-api at 3 replicas on ghcr.io/phoenix/platform/api:v2.3.1",
      "scale:ok: deployment.apps/phoenix-api scaled to 1 (a single pod first)",
      expect.stringMatching(/^set-image:ok: deployment\.apps\/phoenix-api image updated: api ghcr\.io\/phoenix\/platform\/api:v2\.3\.1 → ghcr\.io\/phoenix\/platform\/api:hotfix-a1b2c3d$/),
      expect.stringMatching(/^window:running: Monitoring phoenix-api-\S+ for 2 s before scaling back$/),
      "window:ok: Stable for 2 s: no restarts, ready throughout",
      "scale:ok: deployment.apps/phoenix-api scaled to 3 (the count recorded before the hotfix)",
    ]);
    const dep = await requireKube().apps.readNamespacedDeployment({ name: "phoenix-api", namespace: "phoenix-system" });
    expect([dep.spec!.replicas, dep.spec!.template.spec!.containers[0]!.image]).toEqual([3, `ghcr.io/phoenix/platform/api:${version}`]);
    expect(done.reminder).toEqual({ open: true, supersededBy: null });
    const scaled = await t.store.prisma.auditEvent.findMany({ where: { action: "deploy.scale", stage: "outcome" } });
    expect(scaled.map((e) => [e.actor, e.onBehalfOf, e.outcome])).toEqual([["system:deploy-pipeline", "sre@phoenix.local", "ok"], ["system:deploy-pipeline", "sre@phoenix.local", "ok"]]);

    // A normal deployment of the service closes the reminder.
    const proper = await approved("v2.4.1", ["api"], "production");
    await act("deploy.execute", sre, { id: proper.id });
    expect((await finished(proper.id)).status).toBe("succeeded");
    expect((await getDeploymentRequest(t.store, req.id)).reminder).toEqual({ open: false, supersededBy: { id: proper.id, version: "v2.4.1", at: expect.any(String) } });
  });

  it("rolls a failed hotfix back and scales it back to the count it had", async () => {
    const req = await act("deploy.request", sre, { kind: "hotfix", version: "hotfix-e5f6-bad", environment: "production", services: ["api"], description: "a fix whose image was never pushed" });
    await act("deploy.approve", admin, { id: req.id, comment: "authorised" });
    await act("deploy.execute", admin, { id: req.id });
    const done = await finished(req.id);
    expect(done.status, done.outcome ?? "").toBe("rolled_back");
    expect(done.outcome).toMatch(/^Rollout failed: phoenix-api: pod \S+ (ImagePullBackOff|ErrImagePull) for \d+ s\. Rolled back automatically: api runs its previous image again, scaled back to 3 and the smoke tests pass\.$/);
    const dep = await requireKube().apps.readNamespacedDeployment({ name: "phoenix-api", namespace: "phoenix-system" });
    expect([dep.spec!.replicas, dep.spec!.template.spec!.containers[0]!.image]).toEqual([3, "ghcr.io/phoenix/platform/api:v2.4.1"]);
    expect(done.reminder).toBeNull();
  });

  it("asks a hotfix for one service and a justification", async () => {
    const err = await refused(act("deploy.request", sre, { kind: "hotfix", version: "hotfix-1", environment: "production", services: ["api", "generator"], description: "fix" }));
    expect(err.details.issues).toEqual([
      { path: "input.services", message: "a hotfix goes to one service (runbook 3.2: one pod first, then scale back)" },
      { path: "input.description", message: "a hotfix needs a justification of at least 10 characters" },
    ]);
  });

  it("carries out a run of runbook 3.1: the run's steps follow the deployment, and its timeline holds the deployment's", async () => {
    const run = await startRun(t.store, { runbookId: "3.1-standard-deployment", parameters: { version: "v2.10.0" } }, "sre@phoenix.local");
    expect(run.steps.map((s) => s.state)).toEqual(["pending", "pending", "pending", "pending", "pending", "pending", "pending"]);
    // Only a 3.1 run takes a standard request, once.
    const other = await startRun(t.store, { runbookId: "1.1-quick-health-check", parameters: {} }, "sre@phoenix.local");
    const wrong = await refused(act("deploy.request", sre, { version: "v2.10.0", environment: "staging", services: ["api"], description: "from the run", ciUrl: "https://ci.example/runs/9", runId: other.id }));
    expect(wrong.details.issues).toEqual([{ path: "input.runId", message: "a standard deployment carries out a run of 3.1-standard-deployment, not 1.1-quick-health-check" }]);

    const req = await act("deploy.request", sre, { version: "v2.10.0", environment: "staging", services: ["api", "generator"], description: "from the run", ciUrl: "https://ci.example/runs/9", runId: run.id });
    expect(req.runId).toBe(run.id);
    expect((await refused(act("deploy.request", sre, { version: "v2.10.1", environment: "staging", services: ["api"], description: "again", ciUrl: "https://ci.example/runs/9", runId: run.id }))).message).toBe(
      "This run already has deployment v2.10.0 (not started); carry on with that one.",
    );
    const waiting = await getRun(t.store, run.id);
    expect(waiting.deployment).toMatchObject({ id: req.id, version: "v2.10.0", status: "open" });
    expect(waiting.steps.map((s) => [s.stepId, s.state])).toEqual([["request", "running"], ["pre-checks", "done"], ["record", "pending"], ["images", "pending"], ["rollout", "pending"], ["smoke", "pending"], ["status", "pending"]]);
    // The deployment's steps are not marked by hand.
    expect((await refused(applyStepOp(t.store, run.id, "smoke", { op: "skip", reason: "later" }, "sre@phoenix.local"))).message).toBe(`"Run smoke tests" follows the run's deployment; act on the deployment's page (/deployments/${req.id}).`);

    await act("deploy.approve", lead, { id: req.id, comment: "approved for the run" });
    await act("deploy.execute", sre, { id: req.id });
    await finished(req.id);
    const after = await getRun(t.store, run.id);
    expect(after.steps.map((s) => [s.stepId, s.state])).toEqual([["request", "done"], ["pre-checks", "done"], ["record", "done"], ["images", "done"], ["rollout", "done"], ["smoke", "done"], ["status", "done"]]);
    expect((after.steps.find((s) => s.stepId === "images")!.output as { lines: string[] }).lines).toEqual([
      expect.stringMatching(/^api: deployment\.apps\/phoenix-api image updated: api \S+ → ghcr\.io\/phoenix\/platform\/api:v2\.10\.0$/),
      expect.stringMatching(/^generator: deployment\.apps\/config-generator image updated/),
    ]);
    const timeline = after.events.map((e) => e.message);
    expect(timeline).toEqual(expect.arrayContaining(["Deployment requested: v2.10.0 to staging", "Deployment approved: approved for the run", "Deployment: configmap/deployment-v2.10.0 created in phoenix-staging", expect.stringMatching(/^Deployment: Deployed v2\.10\.0 to staging in/)]));
    expect(timelineMarkdown(after, findRunbook(after.runbookId)!)).toContain("Deployment: api: deployment \"phoenix-api\" successfully rolled out");
  });

  it("executes a hotfix only once an admin who is not its requester authorised it, whoever asks", async () => {
    const hotfix = (by: ActorRef, version: string) =>
      act("deploy.request", by, { kind: "hotfix", version, environment: "production", services: ["api"], description: "checkout 500s: a null pointer in the pricing client" });
    const unauthorised = "Needs an admin's authorisation first (an admin who is not the requester).";

    // An sre's session and an sre's API token (as the API sees a token: its service identity, via "token").
    const bySre = await hotfix(sre, "hotfix-auth-1");
    expect((await refused(act("deploy.execute", sre, { id: bySre.id }))).message).toBe(unauthorised);
    const issued = await act<{ token: string }>("tokens.issue", admin, { name: "release-bot", role: "sre", expiresInDays: 1 });
    const who = await authenticateToken(t.store, issued.token);
    if (!who.ok) throw new Error(who.refusal);
    const bot: ActorRef = { id: who.token.id, email: who.token.actor, role: who.token.role, via: "token" };
    const byBot = await hotfix(bot, "hotfix-auth-2");
    expect((await refused(act("deploy.execute", bot, { id: byBot.id }))).message).toBe(unauthorised);

    // A lead cannot authorise a hotfix, and the lead who requested it cannot execute it unauthorised.
    const byLead = await hotfix(lead, "hotfix-auth-3");
    expect((await refused(act("deploy.execute", lead, { id: byLead.id }))).message).toBe(unauthorised);

    // An admin's own request needs another admin: their own authorisation does not count.
    const byAdmin = await hotfix(admin, "hotfix-auth-4");
    expect((await refused(act("deploy.approve", admin, { id: byAdmin.id, comment: "authorising my own" }))).message).toBe("You requested this deployment; someone else must approve it (four eyes).");
    expect((await refused(act("deploy.execute", admin, { id: byAdmin.id }))).message).toBe(unauthorised);
    for (const d of [bySre, byBot, byLead, byAdmin]) expect((await getDeploymentRequest(t.store, d.id)).status).toBe("open");

    // Another admin authorises: the API, the pre-checks and the request say who; now it may go.
    const admin2: ActorRef = { email: "admin2@phoenix.local", role: "admin", via: "web" };
    const authorised = await act("deploy.approve", admin2, { id: byAdmin.id, comment: "authorised: customer impact" });
    expect(authorised.authorisation).toMatchObject({ by: "admin2@phoenix.local", comment: "authorised: customer impact" });
    const checks = (authorised.events.at(-1)!.detail as { checks: { id: string; state: string; detail: string }[] }).checks;
    expect(checks.find((c) => c.id === "authorised")).toEqual(expect.objectContaining({ state: "ok", detail: "Authorised by admin2@phoenix.local (admin), who did not request it." }));
    const atRequest = (bySre.events.at(-1)!.detail as { checks: { id: string; state: string; detail: string }[] }).checks;
    expect(atRequest.find((c) => c.id === "authorised")).toEqual(expect.objectContaining({ state: "failed", detail: "Not authorised yet: an admin who is not sre@phoenix.local must authorise it." }));
    await act("deploy.execute", admin, { id: byAdmin.id });
    const done = await finished(byAdmin.id);
    expect(done.status, done.outcome ?? "").toBe("succeeded");
  });
  it("audits every cluster change the pipeline made as system:deploy-pipeline on behalf of the person who executed, intent before outcome", async () => {
    const steps = ["deploy.record", "deploy.set-image", "deploy.scale", "deploy.rollback"];
    const events = await t.store.prisma.auditEvent.findMany({ where: { action: { in: steps } }, orderBy: { seq: "asc" } });
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(steps)); // this file's deployments did each kind of change
    const executors = new Map((await t.store.prisma.deploymentRequest.findMany()).map((r) => [r.id, r.executedBy]));
    const byAction = new Map<string, typeof events>();
    for (const e of events) byAction.set(e.actionId, [...(byAction.get(e.actionId) ?? []), e]);
    for (const [actionId, pair] of byAction) {
      expect(pair.map((e) => e.stage), actionId).toEqual(["intent", "outcome"]);
      const deployment = (pair[0]!.input as { context?: { deployment?: string } }).context?.deployment;
      expect(deployment, `${pair[0]!.action} names its deployment`).toBeDefined();
      for (const e of pair) expect([e.actor, e.onBehalfOf], `${e.action} ${e.stage}`).toEqual(["system:deploy-pipeline", executors.get(deployment!)]);
    }
    // The audit page and its CSV/JSON export carry the person too.
    expect(toAuditRow(events[0]!)).toMatchObject({ actor: "system:deploy-pipeline", onBehalfOf: executors.get((events[0]!.input as { context: { deployment: string } }).context.deployment) });
    // Their outcomes say what changed, as the cluster actions' do.
    const outcome = (action: string) => events.find((e) => e.action === action && e.stage === "outcome" && e.outcome === "ok")!.result;
    expect(outcome("deploy.set-image")).toMatchObject({ image: { before: expect.any(String), after: expect.any(String) } });
    expect(outcome("deploy.scale")).toMatchObject({ replicas: { before: expect.any(Number), after: expect.any(Number) } });
    expect(outcome("deploy.rollback")).toMatchObject({ revision: { after: expect.any(Number) } });
    // Every image the pipeline set is one of these audited changes.
    const setImages = events.filter((e) => e.action === "deploy.set-image" && e.stage === "outcome" && e.outcome === "ok").length;
    const timelineSets = await t.store.prisma.deploymentEvent.count({ where: { kind: "set-image", state: "ok" } });
    expect(setImages).toBe(timelineSets);
  });

  it("refuses a person who asks for a pipeline step directly, even an admin, and audits the refusal", async () => {
    const before = await imageOf("phoenix-staging", "phoenix-api");
    const err = await refused(act("deploy.set-image", admin, { namespace: "phoenix-staging", name: "phoenix-api", container: "api", image: "ghcr.io/phoenix/platform/api:v6.6.6" }));
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toMatch(/cannot be requested directly/);
    expect(await imageOf("phoenix-staging", "phoenix-api")).toBe(before);
    const denied = await t.store.prisma.auditEvent.findFirst({ where: { action: "deploy.set-image", outcome: "denied" } });
    expect(denied).toMatchObject({ actor: "admin@phoenix.local", stage: "outcome" });
  });
});
