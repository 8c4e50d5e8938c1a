// kill -9 a console process between an action's intent and its outcome, again and again, on
// both kinds of store: every change the cluster accepted has an intent written before it,
// every intent gets exactly one outcome (the boot sweep records "unknown" for the ones the
// kill cut off), the chain still verifies, and nothing written is lost.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { sweepOrphanIntents } from "@/lib/audit/sweep-orphans";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { openStore, type Store } from "@/lib/db/store";
import { useSandboxCluster } from "./sandbox-cluster";
import { TEST_POSTGRES_URL } from "./stores";

const KILLS = Number(process.env.CRASH_KILLS ?? 6);
const cluster = useSandboxCluster();
// The worker signs audit checkpoints every 4 events, so kills also land around checkpoint writes.
const SIGNING = { AUDIT_SIGNING_KEY: "crash-test-signing-key-0123456789abcdef", AUDIT_CHECKPOINT_EVERY: "4" };
process.env.AUDIT_SIGNING_KEY = SIGNING.AUDIT_SIGNING_KEY;

/** Starts the worker and resolves once it has finished `warm` actions (so the store is migrated and it is mid-stream). */
function startWorker(env: Record<string, string>, warm: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(import.meta.dirname, "crash-worker.ts")], {
    env: { ...process.env, ...SIGNING, ...env, KUBECONFIG: cluster.sandbox.kubeconfigPath, LOG_LEVEL: "silent", NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    let done = 0;
    child.stdout!.on("data", (d) => {
      done += String(d).split("\n").filter((l) => l.startsWith("done")).length;
      if (done >= warm) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`worker exited (${code}) before it was killed: ${stderr.slice(-2000)}`)));
  });
}

async function killMidAction(child: ChildProcess) {
  // A random moment inside the stream of actions: before, during or after a cluster call.
  await new Promise((r) => setTimeout(r, 20 + Math.random() * 250));
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

type Row = { action_id: string; stage: string; outcome: string; time: Date; action: string };

async function check(store: Store, writesBefore: number) {
  // The boot sweep of a console that comes back (no process of ours is alive, so no margin).
  await sweepOrphanIntents(store, 0);
  const rows = await store.prisma.$queryRaw<Row[]>`SELECT action_id::text, stage, outcome, time, action FROM audit_events WHERE action = 'cluster.scale' ORDER BY seq`;
  const intents = rows.filter((r) => r.stage === "intent");
  const outcomes = new Map<string, Row[]>();
  for (const r of rows.filter((r) => r.stage === "outcome")) outcomes.set(r.action_id, [...(outcomes.get(r.action_id) ?? []), r]);

  // Every intent has exactly one outcome.
  const unanswered = intents.filter((i) => (outcomes.get(i.action_id)?.length ?? 0) !== 1);
  expect(unanswered).toEqual([]);

  // Every change the cluster accepted has its own intent, written before the change arrived.
  const writes = cluster.sandbox.writes.slice(writesBefore).filter((w) => w.path.endsWith("/deployments/experiment-controller/scale") || w.path.endsWith("/deployments/experiment-controller"));
  const free = intents.map((i) => i.time.getTime());
  for (const w of writes) {
    const index = free.findIndex((t) => t <= w.at);
    expect(index, `a change at ${new Date(w.at).toISOString()} with no intent before it`).toBeGreaterThanOrEqual(0);
    free.splice(index, 1);
  }
  // An outcome "ok" is never recorded for a change the cluster did not accept.
  const ok = [...outcomes.values()].flat().filter((o) => o.outcome === "ok").length;
  expect(ok).toBeLessThanOrEqual(writes.length);

  const verdict = await verifyAuditChain(store, { mode: "full" });
  expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
  const checkpoints = (await store.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_checkpoints`)[0]!.n;
  expect(checkpoints, "checkpoints were signed between the kills").toBeGreaterThan(0);
  return { checkpoints, intents: intents.length, writes: writes.length, unknown: [...outcomes.values()].flat().filter((o) => o.outcome === "unknown").length };
}

describe("kill -9 between intent and outcome", () => {
  it(`PostgreSQL store: ${KILLS} kills, nothing unaudited, nothing lost`, async () => {
    const name = `phoenix_crash_${Date.now()}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    const writesBefore = cluster.sandbox.writes.length;
    const dir = mkdtempSync(path.join(tmpdir(), "phoenix-crash-pg-"));
    const anchors = path.join(dir, "audit-anchors");
    try {
      for (let k = 0; k < KILLS; k++) await killMidAction(await startWorker({ DATABASE_URL: url.toString(), DATA_DIR: dir, AUDIT_ANCHOR_DIR: anchors }, 2));
      const store = await openStore({ databaseUrl: url.toString(), auditAnchorDir: anchors });
      try {
        const seen = await check(store, writesBefore);
        expect(seen.intents).toBeGreaterThanOrEqual(KILLS * 2);
        console.log(`crash test (postgres): ${KILLS} kills, ${seen.intents} intents, ${seen.writes} cluster changes, ${seen.unknown} closed as unknown, ${seen.checkpoints} checkpoints`);
      } finally {
        await store.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it(`PGlite store: ${KILLS} kills, nothing unaudited, nothing lost`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "phoenix-crash-"));
    const writesBefore = cluster.sandbox.writes.length;
    try {
      const anchors = path.join(dir, "audit-anchors");
      for (let k = 0; k < KILLS; k++) await killMidAction(await startWorker({ DATA_DIR: dir, AUDIT_ANCHOR_DIR: anchors }, 2));
      const store = await openStore({ dataDir: dir, auditAnchorDir: anchors });
      try {
        const seen = await check(store, writesBefore);
        expect(seen.intents).toBeGreaterThanOrEqual(KILLS * 2);
        console.log(`crash test (pglite): ${KILLS} kills, ${seen.intents} intents, ${seen.writes} cluster changes, ${seen.unknown} closed as unknown, ${seen.checkpoints} checkpoints`);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
