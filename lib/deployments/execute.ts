import "server-only";
// Executing an approved request: runbook 3.1's deploy.sh as a watched, audited pipeline.
// checks again → lock the environment → record (store + ConfigMap deployment-<version>) →
// set image per service → watch each rollout → smoke tests → success, or automatic
// rollback of every deployment that changed. Every step is written to the deployment's
// timeline as it happens, so any replica can show it and a stop leaves nothing silent.
import { type ActorRef, type RunSystem, systemActor } from "@/lib/actions/define-action";
import { AppError } from "@/lib/errors";
import type { Store } from "@/lib/db/store";
import { env, type SmokeCheck } from "@/lib/env";
import { log } from "@/lib/log";
import { kubeCall, requireKube } from "@/lib/ops/kube/client";
import { listPods, podStatus } from "@/lib/ops/kube/list-workloads";
import { getRolloutStatus, type RolloutStatus, watchRollout } from "@/lib/ops/kube/rollout-status";
import { shownUrl } from "@/lib/ops/http/credentials";
import { runSmokeCheck } from "@/lib/ops/http/smoke-check";
import { postWebhook } from "@/lib/ops/notify/post-webhook";
import type { applyConfigMap } from "@/lib/ops/kube/apply-configmap";
import type { rolloutUndo } from "@/lib/ops/kube/rollout-history";
import type { setDeploymentImage } from "@/lib/ops/kube/set-image";
import { type PreCheckReport, recordPreChecks } from "./checks";
import { executionRefusal } from "./approval";
import { addDeploymentEvent, type DeploymentView, getDeploymentRequest } from "./requests";

/** A heartbeat older than this means the replica executing the deployment stopped. */
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 30_000;

/** Pod states that do not get better by waiting (kubectl shows them in STATUS). */
const STUCK = new Set(["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError", "RunContainerError"]);

type Before = Record<string, { image: string | null; replicas: number; revision: string | null }>;

const event = addDeploymentEvent;

/**
 * Checks again, takes the environment's lock and starts the pipeline in the background.
 * Answers once the deployment is executing; its progress is read from its timeline.
 */
export async function startDeployment(store: Store, id: string, actor: ActorRef, runSystem: RunSystem): Promise<{ deployment: DeploymentView; checks: PreCheckReport }> {
  const d = await getDeploymentRequest(store, id);
  const refusal = executionRefusal(d, actor);
  if (refusal) throw new AppError(d.status === "open" || d.status === "interrupted" ? "FORBIDDEN" : "CONFLICT", refusal);
  await refuseIfLocked(store, d);

  const checks = await recordPreChecks(store, d, actor.email, "before execution");
  if (!checks.passed) {
    const failing = checks.checks.filter((c) => c.state !== "ok");
    throw new AppError("CONFLICT", `Not executed: ${failing.map((c) => `${c.label} — ${c.detail}`).join(" ")}`);
  }

  // The lock: a partial unique index allows one "executing" request per environment.
  try {
    const { count } = await store.prisma.deploymentRequest.updateMany({
      where: { id, revision: d.revision, status: { in: ["open", "interrupted"] } },
      data: { status: "executing", executedBy: actor.email, startedAt: new Date(), heartbeatAt: new Date(), finishedAt: null, outcome: null },
    });
    if (!count) throw new AppError("CONFLICT", "The request changed or started meanwhile; reload it.");
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") await refuseIfLocked(store, d, true);
    throw err;
  }
  await event(store, id, actor.email, { kind: "lock", state: "ok", message: `Took the ${d.environment} deployment lock` });
  void execute(store, d, actor, runSystem).catch((err) => log.error({ err: String(err), deployment: id }, "deployment pipeline crashed"));
  return { deployment: await getDeploymentRequest(store, id), checks };
}

async function refuseIfLocked(store: Store, d: DeploymentView, certain = false) {
  const holder = await store.prisma.deploymentRequest.findFirst({ where: { environment: d.environment, status: "executing", id: { not: d.id } } });
  if (holder) {
    throw new AppError(
      "CONFLICT",
      `${holder.version} is being deployed to ${d.environment} (started by ${holder.executedBy} at ${holder.startedAt?.toISOString().slice(11, 19)} UTC); one deployment per environment at a time — execute this one when it has finished.`,
    );
  }
  if (certain) throw new AppError("CONFLICT", `Another deployment to ${d.environment} started meanwhile; reload.`);
}

type Ctx = { store: Store; d: DeploymentView; actor: ActorRef; runSystem: RunSystem; say: (e: Parameters<typeof event>[3]) => Promise<void> };

/**
 * One change to the cluster, through the action runner as system:deploy-pipeline on behalf of
 * the person who executed, with their role: audited intent before, outcome after.
 */
function change<T>(ctx: Ctx, action: "deploy.record" | "deploy.set-image" | "deploy.scale" | "deploy.rollback", input: object): Promise<T> {
  return ctx.runSystem<T>({
    id: action,
    input,
    actor: systemActor("system:deploy-pipeline", { onBehalfOf: ctx.actor.email, role: ctx.actor.role }),
    store: ctx.store,
    reason: `deployment ${ctx.d.version} to ${ctx.d.environment}`,
    context: { deployment: ctx.d.id },
  });
}

/** Posts "<emoji> <text>" to NOTIFY_WEBHOOK_URL and notes on the timeline whether it was delivered. */
async function notify(ctx: Ctx, emoji: string, text: string) {
  const url = env().NOTIFY_WEBHOOK_URL;
  if (!url) return;
  try {
    await postWebhook({ url, text: `${emoji} ${text}`, timeoutMs: env().HEALTH_TIMEOUT_MS });
    await ctx.say({ kind: "notify", state: "ok", message: `Notified the webhook: ${text}` });
  } catch (err) {
    await ctx.say({ kind: "notify", state: "failed", message: `Notification not delivered (${err instanceof AppError ? err.message : "error"}): ${text}` });
  }
}

const label = (d: DeploymentView) => `${d.version} to ${d.environment}`;

async function execute(store: Store, d: DeploymentView, actor: ActorRef, runSystem: RunSystem) {
  const ctx: Ctx = { store, d, actor, runSystem, say: (e) => event(store, d.id, actor.email, e) };
  const beat = setInterval(() => {
    void store.prisma.deploymentRequest.updateMany({ where: { id: d.id, status: "executing" }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
  }, HEARTBEAT_MS);
  beat.unref();
  const started = Date.now();
  const changed: string[] = [];
  let before: Before = {};
  try {
    before = await snapshot(d);
    await store.prisma.deploymentRequest.update({ where: { id: d.id }, data: { before } });
    await notify(ctx, "🚀", `${d.kind === "hotfix" ? "HOTFIX: deploying" : "Deploying"} ${label(d)} (${d.services.map((s) => s.service).join(", ")}) — ${actor.email}`);
    const done = d.kind === "hotfix" ? await hotfix(ctx, before, changed) : await standard(ctx, before, changed);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    await finish(ctx, "succeeded", `${done} in ${seconds} s; smoke tests passed.`);
    await notify(ctx, "✅", `${done} in ${seconds} s`);
  } catch (err) {
    const reason = err instanceof DeployFailure || err instanceof AppError ? err.message : "the pipeline failed unexpectedly";
    if (!(err instanceof DeployFailure) && !(err instanceof AppError)) log.error({ err, deployment: d.id }, "deployment failed unexpectedly");
    await ctx.say({ kind: "failure", state: "failed", message: reason }).catch(() => undefined);
    await notify(ctx, "❌", `Deployment of ${label(d)} failed: ${reason}`);
    await rollBack(ctx, changed, before, reason);
  } finally {
    clearInterval(beat);
  }
}

/** Runbook 3.1: record, set every image, wait for every rollout, smoke-test. Answers what was done. */
async function standard(ctx: Ctx, before: Before, changed: string[]): Promise<string> {
  const { d, actor } = ctx;
  // 2. The deployment record, in the store (this row) and in the cluster as the seed writes it.
  const record = `deployment-${d.version}`.toLowerCase().replace(/[^a-z0-9.-]/g, "-").slice(0, 253);
  const applied = await change<Awaited<ReturnType<typeof applyConfigMap>>>(ctx, "deploy.record", {
    namespace: d.namespace,
    name: record,
    labels: { "app.kubernetes.io/managed-by": "phoenix-ops-console", "phoenix.io/deployment-request": d.id },
    data: { version: d.version, timestamp: new Date().toISOString(), deployer: actor.email, environment: d.environment, request: d.id },
  });
  await ctx.say({ kind: "record", state: "ok", message: `configmap/${record} ${applied.result} in ${d.namespace}` });

  // 3. Set image for each service.
  for (const s of d.services) await setImage(ctx, s, before, changed);

  // 4. Wait for every rollout (they proceed together, as deploy.sh's loop lets them).
  const rollouts = await Promise.all(d.services.map((s) => followRollout(ctx, s, { image: s.image })));
  const failed = rollouts.filter((r) => !r.ok);
  if (failed.length) throw new DeployFailure(`Rollout failed: ${failed.map((r) => r.reason).join("; ")}`, "rollout");

  // 5. Smoke tests.
  const smoke = await smokeTests(ctx, "after the rollout");
  if (!smoke.passed) throw new DeployFailure(`Smoke tests failed: ${smoke.failures.join("; ")}`, "smoke");
  return `Deployed ${label(d)}`;
}

async function setImage(ctx: Ctx, s: DeploymentView["services"][number], before: Before, changed: string[]) {
  const { d } = ctx;
  if (before[s.service]?.image === s.image) {
    await ctx.say({ kind: "set-image", service: s.service, state: "skipped", message: `${s.deployment} already runs ${s.image}` });
    return;
  }
  const r = await change<Awaited<ReturnType<typeof setDeploymentImage>>>(ctx, "deploy.set-image", { namespace: d.namespace, name: s.deployment, container: s.container, image: s.image });
  changed.push(s.service);
  await ctx.say({ kind: "set-image", service: s.service, state: "ok", message: `deployment.apps/${s.deployment} image updated: ${r.container} ${r.from ?? "?"} → ${r.to}` });
}

async function scaleTo(ctx: Ctx, s: DeploymentView["services"][number], replicas: number, why: string) {
  const { d } = ctx;
  await change(ctx, "deploy.scale", { namespace: d.namespace, name: s.deployment, replicas });
  await ctx.say({ kind: "scale", service: s.service, state: "ok", message: `deployment.apps/${s.deployment} scaled to ${replicas} (${why})` });
}

/**
 * Runbook 3.2: record the replica count, scale to 1, set the hotfix image, watch that one pod
 * for the monitoring window (restarts, state), then scale back to the count recorded and smoke-test.
 */
async function hotfix(ctx: Ctx, before: Before, changed: string[]): Promise<string> {
  const { d } = ctx;
  const s = d.services[0]!;
  const replicas = before[s.service]?.replicas ?? 1;
  await ctx.say({ kind: "record", service: s.service, state: "ok", message: `Recorded ${s.deployment} at ${replicas} replica${replicas === 1 ? "" : "s"} on ${before[s.service]?.image ?? "?"}` });
  await scaleTo(ctx, s, 1, "a single pod first");
  await setImage(ctx, s, before, changed);
  const rollout = await followRollout(ctx, s, { image: s.image });
  if (!rollout.ok) throw new DeployFailure(`Rollout failed: ${rollout.reason}`, "rollout");

  await watchWindow(ctx, s);

  await scaleTo(ctx, s, replicas, "the count recorded before the hotfix");
  const back = await followRollout(ctx, s, { image: s.image });
  if (!back.ok) throw new DeployFailure(`Scaling back failed: ${back.reason}`, "rollout");
  const smoke = await smokeTests(ctx, "after scaling back");
  if (!smoke.passed) throw new DeployFailure(`Smoke tests failed: ${smoke.failures.join("; ")}`, "smoke");
  return `Hotfix ${d.version} live on ${s.deployment} in ${d.environment} (${replicas} replica${replicas === 1 ? "" : "s"})`;
}

/** The monitoring window: the hotfix pod must stay ready without restarting for HOTFIX_WINDOW_SECONDS. */
async function watchWindow(ctx: Ctx, s: DeploymentView["services"][number]) {
  const { d } = ctx;
  const seconds = env().HOTFIX_WINDOW_SECONDS;
  const selector = await selectorOf(d.namespace, s.deployment);
  const podsNow = async () => (await listPods({ namespace: d.namespace, labelSelector: selector })).filter((p) => p.status !== "Terminating");
  const first = (await podsNow())[0];
  const endsAt = Date.now() + seconds * 1000;
  await ctx.say({ kind: "window", service: s.service, state: "running", message: `Monitoring ${first?.name ?? s.deployment} for ${seconds} s before scaling back`, detail: { endsAt: new Date(endsAt).toISOString(), seconds, pod: first?.name ?? null, restarts: first?.restarts ?? 0 } });
  const baseline = new Map<string, number>((await podsNow()).map((p) => [p.name, p.restarts]));
  while (Date.now() < endsAt) {
    await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(0, endsAt - Date.now()))));
    const pods = await podsNow();
    for (const p of pods) {
      const restarted = p.restarts - (baseline.get(p.name) ?? 0);
      if (restarted > 0 || STUCK.has(p.status) || p.ready.startsWith("0/")) {
        const problem = restarted > 0 ? `restarted ${restarted} time${restarted === 1 ? "" : "s"}` : `is ${p.status} (${p.ready} ready)`;
        await ctx.say({ kind: "window", service: s.service, state: "failed", message: `${p.name} ${problem} during the monitoring window`, detail: { pod: p.name, restarts: p.restarts, status: p.status } });
        throw new DeployFailure(`The hotfix pod ${p.name} ${problem} during the monitoring window`, "rollout");
      }
    }
  }
  await ctx.say({ kind: "window", service: s.service, state: "ok", message: `Stable for ${seconds} s: no restarts, ready throughout` });
}

class DeployFailure extends Error {
  constructor(message: string, readonly stage: "rollout" | "smoke") {
    super(message);
  }
}

async function finish(ctx: Ctx, status: "succeeded" | "failed" | "rolled_back", outcome: string) {
  await ctx.store.prisma.deploymentRequest.updateMany({ where: { id: ctx.d.id, status: "executing" }, data: { status, outcome, finishedAt: new Date(), heartbeatAt: null } });
  await ctx.say({ kind: "outcome", state: status === "succeeded" ? "ok" : "failed", message: outcome });
}

/** `rollback.sh`: undo each deployment that changed to the revision it had before, watch it, smoke-test again. */
async function rollBack(ctx: Ctx, changed: string[], before: Before, reason: string) {
  const { d } = ctx;
  // A hotfix may have scaled its deployment down before anything else changed.
  const rescale = d.kind === "hotfix" ? await replicasToRestore(ctx, before) : null;
  if (!changed.length && !rescale) {
    await finish(ctx, "failed", `Failed before anything changed: ${reason}`);
    return;
  }
  await ctx.say({ kind: "rollback", state: "running", message: `Rolling back automatically: ${changed.join(", ")}` });
  const problems: string[] = [];
  for (const service of changed) {
    const s = d.services.find((x) => x.service === service)!;
    const toRevision = Number(before[service]?.revision ?? 0);
    try {
      const r = await change<Awaited<ReturnType<typeof rolloutUndo>>>(ctx, "deploy.rollback", { namespace: d.namespace, name: s.deployment, toRevision });
      await ctx.say({ kind: "rollback", service, state: "ok", message: `deployment.apps/${s.deployment} rolled back to revision ${r.to.revision} (${r.to.images.join(", ")})` });
    } catch (err) {
      problems.push(`${s.deployment}: ${err instanceof AppError ? err.message : "rollback failed"}`);
      await ctx.say({ kind: "rollback", service, state: "failed", message: `${s.deployment} could not be rolled back: ${err instanceof AppError ? err.message : "error"}` });
    }
  }
  if (rescale) {
    try {
      await scaleTo(ctx, rescale.service, rescale.replicas, "back to the count recorded before the hotfix");
    } catch (err) {
      problems.push(`${rescale.service.deployment}: not scaled back to ${rescale.replicas}: ${err instanceof AppError ? err.message : "error"}`);
    }
  }
  const back = await Promise.all(
    changed.filter((service) => !problems.some((p) => p.startsWith(d.services.find((x) => x.service === service)!.deployment))).map((service) => {
      const s = d.services.find((x) => x.service === service)!;
      return followRollout(ctx, s, { image: before[service]?.image ?? null, phase: "rollback" });
    }),
  );
  for (const r of back) if (!r.ok) problems.push(r.reason);
  if (rescale && !changed.length && !problems.length) {
    const r = await followRollout(ctx, rescale.service, { image: before[rescale.service.service]?.image ?? null, phase: "rollback" });
    if (!r.ok) problems.push(r.reason);
  }
  const smoke = problems.length ? null : await smokeTests(ctx, "after the rollback");
  if (smoke && !smoke.passed) problems.push(`smoke tests still fail after the rollback: ${smoke.failures.join("; ")}`);
  if (problems.length) {
    await finish(ctx, "failed", `${reason}. The automatic rollback did not restore service: ${problems.join("; ")}`);
    await notify(ctx, "🔥", `Rollback of ${label(d)} did not restore service: ${problems.join("; ")}`);
  } else {
    const one = changed.length === 1;
    const what = changed.length ? `${changed.join(", ")} ${one ? "runs its previous image" : "run their previous images"} again` : "nothing else had changed";
    const scaled = rescale ? `, scaled back to ${rescale.replicas}` : "";
    await finish(ctx, "rolled_back", `${reason}. Rolled back automatically: ${what}${scaled} and the smoke tests pass.`);
    await notify(ctx, "↩️", `Rolled back ${label(d)}: ${changed.length ? `${changed.join(", ")} back on ${one ? "its previous image" : "their previous images"}` : "no image had changed"}${scaled}`);
  }
}

/** The hotfix's deployment when it no longer has the replicas recorded before it (it was scaled to 1). */
async function replicasToRestore(ctx: Ctx, before: Before) {
  const s = ctx.d.services[0]!;
  const replicas = before[s.service]?.replicas;
  if (replicas === undefined) return null;
  try {
    const now = await getRolloutStatus({ namespace: ctx.d.namespace, kind: "Deployment", name: s.deployment });
    return now.desired === replicas ? null : { service: s, replicas };
  } catch {
    return { service: s, replicas };
  }
}

async function snapshot(d: DeploymentView): Promise<Before> {
  const { apps } = requireKube();
  const out: Before = {};
  for (const s of d.services) {
    const dep = await kubeCall(`read deployment ${s.deployment}`, () => apps.readNamespacedDeployment({ name: s.deployment, namespace: d.namespace }));
    out[s.service] = {
      image: dep.spec?.template.spec?.containers.find((c) => c.name === s.container)?.image ?? null,
      replicas: dep.spec?.replicas ?? 1,
      revision: dep.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? null,
    };
  }
  return out;
}

type RolloutOutcome = { ok: true; status: RolloutStatus } | { ok: false; reason: string };

/**
 * `kubectl rollout status -w`, plus what kubectl waits out: new pods stuck pulling their image
 * or crash-looping for DEPLOY_STALL_SECONDS fail the rollout before its progress deadline.
 */
async function followRollout(ctx: Ctx, s: DeploymentView["services"][number], options: { image: string | null; phase?: "rollout" | "rollback" }): Promise<RolloutOutcome> {
  const { d } = ctx;
  const kind = options.phase ?? "rollout";
  const target = { namespace: d.namespace, kind: "Deployment" as const, name: s.deployment };
  const stallMs = env().DEPLOY_STALL_SECONDS * 1000;
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), env().DEPLOY_ROLLOUT_TIMEOUT_SECONDS * 1000);
  let last: RolloutStatus | null = null;
  let outcome: RolloutOutcome | null = null;
  const writes: Promise<void>[] = [];
  const stuckSince = new Map<string, number>();

  const poll = setInterval(() => {
    void (async () => {
      try {
        const dep = await getRolloutStatus(target);
        // Only pods of the revision being rolled out count: old ones may be failing already (that may be why).
        const pods = await podsRunning(d.namespace, await selectorOf(d.namespace, s.deployment), s.container, options.image);
        const now = Date.now();
        for (const p of pods) {
          if (STUCK.has(p.status)) stuckSince.set(p.name, stuckSince.get(p.name) ?? now);
          else stuckSince.delete(p.name);
        }
        const stuck = [...stuckSince.entries()].find(([, since]) => now - since >= stallMs);
        if (stuck && dep.phase !== "complete" && !outcome) {
          const pod = pods.find((p) => p.name === stuck[0]);
          outcome = { ok: false, reason: `${s.deployment}: pod ${stuck[0]} ${pod?.status ?? "stuck"} for ${Math.round((now - stuck[1]) / 1000)} s` };
          controller.abort();
        }
      } catch {
        // the watch reports the cluster's errors
      }
    })();
  }, 1000);

  try {
    await watchRollout(
      target,
      controller.signal,
      (status) => {
        // Only this deployment's own revision counts: wait until the template shows the image.
        if (options.image && !status.images.includes(options.image)) return;
        last = status;
        writes.push(ctx.say({ kind, service: s.service, state: status.phase === "complete" ? "ok" : status.phase === "failed" ? "failed" : "running", message: status.message, detail: status }));
        if (status.phase !== "waiting") {
          outcome = status.phase === "complete" ? { ok: true, status } : { ok: false, reason: status.message };
          controller.abort();
        }
      },
      () => undefined,
    );
  } catch (err) {
    outcome ??= { ok: false, reason: `${s.deployment}: ${err instanceof AppError ? err.message : "the rollout could not be watched"}` };
  } finally {
    clearTimeout(deadline);
    clearInterval(poll);
  }
  await Promise.all(writes);
  const result: RolloutOutcome = outcome ?? { ok: false, reason: `${s.deployment}: not complete within ${env().DEPLOY_ROLLOUT_TIMEOUT_SECONDS} s (${(last as RolloutStatus | null)?.message ?? "no status"})` };
  if (!result.ok) await ctx.say({ kind, service: s.service, state: "failed", message: result.reason });
  return result;
}

/** The deployment's pods whose container runs this image (all of them when the image is unknown), with kubectl's STATUS. */
async function podsRunning(namespace: string, labelSelector: string, container: string, image: string | null) {
  const { core } = requireKube();
  const list = await kubeCall(`list pods in ${namespace}`, () => core.listNamespacedPod({ namespace, labelSelector }));
  return list.items
    .filter((p) => !image || p.spec?.containers.find((c) => c.name === container)?.image === image)
    .map((p) => ({ name: p.metadata?.name ?? "", status: podStatus(p) }));
}

const selectors = new Map<string, string>();
async function selectorOf(namespace: string, name: string) {
  const key = `${namespace}/${name}`;
  if (!selectors.has(key)) {
    const { apps } = requireKube();
    const dep = await kubeCall(`read deployment ${name}`, () => apps.readNamespacedDeployment({ name, namespace }));
    selectors.set(key, Object.entries(dep.spec?.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(","));
  }
  return selectors.get(key)!;
}

/** The environment's smoke checks, or the default: the API gateway's /health says ok. */
export function smokeChecksFor(environment: string): SmokeCheck[] | null {
  const configured = env().DEPLOY_ENVIRONMENTS[environment]?.smoke;
  if (configured) return configured;
  const gateway = env().API_GATEWAY_URL;
  return gateway ? [{ name: "API health", url: `${gateway.replace(/\/+$/, "")}/health`, gateway: true }] : null;
}

/** `smoke-test.sh`: each configured HTTP check, its status and the text it must contain. */
async function smokeTests(ctx: Ctx, when: string): Promise<{ passed: boolean; failures: string[] }> {
  const checks = smokeChecksFor(ctx.d.environment);
  if (!checks) {
    const message = `No smoke checks configured for ${ctx.d.environment} (set API_GATEWAY_URL or DEPLOY_ENVIRONMENTS.${ctx.d.environment}.smoke)`;
    await ctx.say({ kind: "smoke", state: "failed", message });
    return { passed: false, failures: [message] };
  }
  const failures: string[] = [];
  for (const c of checks) {
    const url = c.url.replaceAll("{version}", encodeURIComponent(ctx.d.version));
    const { status, ms, problem } = await runSmokeCheck({ ...c, url, contains: c.contains?.replaceAll("{version}", ctx.d.version) }, { timeoutMs: env().HEALTH_TIMEOUT_MS * 2 });
    if (problem) failures.push(`${c.name}: ${problem}`);
    await ctx.say({ kind: "smoke", state: problem ? "failed" : "ok", message: `${c.name} ${when}: ${problem ?? `HTTP ${status} in ${ms} ms`}`, detail: { url: shownUrl(url), status, ms } });
  }
  return { passed: !failures.length, failures };
}

/** Deployments whose executing replica stopped (no heartbeat for STALE_AFTER_MS); the sweep is in lib/actions/system-sweeps.ts. */
export async function staleDeployments(store: Store, now = new Date()) {
  return store.prisma.deploymentRequest.findMany({ where: { status: "executing", heartbeatAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } } });
}

/** Marks one deployment interrupted, with what the cluster runs now, unless it beat again or another replica got there first. */
export async function markDeploymentInterrupted(store: Store, id: string, heartbeatAt: Date): Promise<{ interrupted: boolean; outcome: string | null }> {
  const d = await getDeploymentRequest(store, id);
  const states = await Promise.all(
    d.services.map(async (s) => {
      try {
        const st = await getRolloutStatus({ namespace: d.namespace, kind: "Deployment", name: s.deployment });
        return `${s.deployment} runs ${st.images.join(", ")} (${st.available}/${st.desired} available: ${st.message})`;
      } catch (err) {
        return `${s.deployment}: could not be read (${err instanceof AppError ? err.message : "error"})`;
      }
    }),
  );
  const outcome = `The console stopped while executing (last heartbeat ${heartbeatAt.toISOString()}). The cluster now: ${states.join("; ")}.`;
  const { count } = await store.prisma.deploymentRequest.updateMany({ where: { id, status: "executing", heartbeatAt }, data: { status: "interrupted", outcome, heartbeatAt: null } });
  if (!count) return { interrupted: false, outcome: null }; // another replica got there first, or it came back to life
  await event(store, id, "system:deploy-sweeper", { kind: "interrupted", state: "failed", message: outcome, detail: { cluster: states } });
  const url = env().NOTIFY_WEBHOOK_URL;
  if (url) await postWebhook({ url, text: `⚠️ Deployment of ${label(d)} was interrupted: ${outcome}`, timeoutMs: env().HEALTH_TIMEOUT_MS }).catch(() => undefined);
  return { interrupted: true, outcome };
}
