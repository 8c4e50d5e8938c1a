// Outcome events say what happened: the pids terminated, the pods evicted, the replicas and
// images before and after — against the sandbox cluster and a real PostgreSQL.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listAuditEvents } from "@/lib/audit/query-events";
import { planDrain } from "@/lib/ops/kube/drain-node";
import { listPods } from "@/lib/ops/kube/list-workloads";
import { rolloutHistory } from "@/lib/ops/kube/rollout-history";
import { seedPhoenixDatabase } from "@/sandbox/phoenix-db";
import { PEOPLE } from "@/test/actions";
import { useSandboxCluster } from "@/test/sandbox-cluster";
import { makeTestStore, TEST_POSTGRES_URL, type TestStore } from "@/test/stores";
import type { ActorRef } from "./define-action";
import { runAction } from "./run-action";

const phoenixDb = `phoenix_summary_${Date.now()}`;
const phoenixUrl = (() => {
  const u = new URL(TEST_POSTGRES_URL);
  u.pathname = `/${phoenixDb}`;
  return u.toString();
})();
process.env.PHOENIX_DATABASE_URL = phoenixUrl; // read once, on the first action

useSandboxCluster();
let t: TestStore;
const leaks: pg.Client[] = [];
beforeAll(async () => {
  t = await makeTestStore("postgres");
  await seedPhoenixDatabase(phoenixUrl);
});
afterAll(async () => {
  await Promise.all(leaks.map((c) => c.end().catch(() => undefined)));
  await t?.dispose();
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${phoenixDb} WITH (FORCE)`);
  await admin.end();
});

/** Runs an action as a person would (confirmed with a reason) and answers its outcome event. */
async function outcomeOf(id: string, input: unknown, actor: ActorRef = PEOPLE.sre) {
  const res = await runAction({ id, request: { input, confirm: true, reason: "summary test" }, actor, store: t.store });
  if (res.status !== "done") throw new Error(`${id}: expected done, got ${res.status}`);
  const events = (await listAuditEvents(t.store, { actionId: res.actionId }, { limit: 10 })).events;
  const outcome = events.find((e) => e.stage === "outcome")!;
  expect(outcome.outcome).toBe("ok");
  return outcome as typeof outcome & { result?: Record<string, unknown> };
}

describe("an outcome event's result summary", () => {
  it("terminate backends: exactly the pids the test opened", async () => {
    for (let i = 0; i < 3; i++) {
      const c = new pg.Client({ connectionString: phoenixUrl, application_name: "leaky-worker" });
      c.on("error", () => undefined);
      await c.connect();
      await c.query("SELECT 1");
      leaks.push(c);
    }
    const pids = (await Promise.all(leaks.map(async (c) => (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid))).sort((a, b) => a - b);
    await new Promise((r) => setTimeout(r, 200));
    const outcome = await outcomeOf("phoenix-db.terminate-backends", { which: "idle", olderThanMinutes: 0 });
    const terminated = (outcome.result?.terminated as { pid: number; application: string }[]).map((b) => b.pid);
    expect(terminated).toEqual(pids);
    expect(outcome.result?.alreadyGone).toEqual([]);
  });

  it("scale: replicas before and after", async () => {
    const outcome = await outcomeOf("cluster.scale", { namespace: "phoenix-staging", name: "config-generator", replicas: 3 });
    expect(outcome.result).toEqual({ replicas: { before: 1, after: 3 } });
  });

  it("set image: the image before and after", async () => {
    const outcome = await outcomeOf("cluster.set-image", { namespace: "phoenix-staging", name: "phoenix-api", container: "api", image: "ghcr.io/phoenix/platform/api:v2.4.0-rc.2" });
    expect(outcome.result).toEqual({ container: "api", image: { before: "ghcr.io/phoenix/platform/api:v2.4.0-rc.1", after: "ghcr.io/phoenix/platform/api:v2.4.0-rc.2" } });
  });

  it("rollout undo: the revision rolled back to, image before and after", async () => {
    // The deployment controller makes the set image's ReplicaSet (revision 2) a moment after the write.
    await vi.waitFor(async () => expect((await rolloutHistory({ namespace: "phoenix-staging", name: "phoenix-api" })).length).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 200 });
    const outcome = await outcomeOf("cluster.rollout-undo", { namespace: "phoenix-staging", name: "phoenix-api", toRevision: 0 });
    expect(outcome.result).toEqual({
      revision: { before: 2, after: 1 },
      images: { before: ["ghcr.io/phoenix/platform/api:v2.4.0-rc.2"], after: ["ghcr.io/phoenix/platform/api:v2.4.0-rc.1"] },
    });
  });

  it("rollout restart: restartedAt and the pods it replaces", async () => {
    const pods = await listPods({ namespace: "phoenix-system", labelSelector: "app=redis" });
    const outcome = await outcomeOf("cluster.rollout-restart", { namespace: "phoenix-system", kind: "Deployment", name: "redis" });
    expect(outcome.result?.replaces).toEqual(pods.map((p) => p.name));
    expect(Date.parse(String(outcome.result?.restartedAt))).toBeGreaterThan(Date.now() - 60_000);
  });

  it("edit config: the settings changed, before and after", async () => {
    const outcome = await outcomeOf("cluster.edit-config", {
      namespace: "phoenix-system",
      name: "pgbouncer-config",
      key: "pgbouncer.ini",
      edits: [{ setting: "max_client_conn", value: "400" }, { setting: "pool_mode", value: "transaction" }],
    });
    expect(outcome.result).toEqual({ key: "pgbouncer.ini", changed: [{ setting: "max_client_conn", before: "200", after: "400" }] });
  });

  it("drain: the pods evicted and the ones that stayed", async () => {
    const plan = await planDrain({ node: "phoenix-node-3" });
    expect(plan.evict.length).toBeGreaterThan(0);
    const outcome = await outcomeOf("cluster.drain", { node: "phoenix-node-3" });
    expect(outcome.result?.evicted).toEqual(plan.evict.map((p) => `${p.namespace}/${p.name}`));
    expect(outcome.result?.stayed).toEqual(plan.skipped.map((s) => ({ pod: `${s.pod.namespace}/${s.pod.name}`, why: s.reason })));
    expect(outcome.result?.unschedulable).toEqual({ before: false, after: true });
  });

  it("cordon: unschedulable before and after", async () => {
    const outcome = await outcomeOf("cluster.cordon", { node: "phoenix-node-2", cordon: true });
    expect(outcome.result).toEqual({ node: "phoenix-node-2", unschedulable: { before: false, after: true } });
  });

  it("users: the role before and after, and never a password", async () => {
    const created = await outcomeOf("users.create", { email: "ops@phoenix.local", role: "viewer", password: "long-enough-secret" }, PEOPLE.admin);
    expect(created.result).toEqual({ email: "ops@phoenix.local", role: "viewer" });
    expect(JSON.stringify(created)).not.toContain("long-enough-secret");
    const changed = await outcomeOf("users.set-role", { email: "ops@phoenix.local", role: "sre" }, PEOPLE.admin);
    expect(changed.result).toEqual({ email: "ops@phoenix.local", role: { before: "viewer", after: "sre" } });
  });
});
