// Signed checkpoints against an attacker who holds the database (a superuser who can switch the
// append-only trigger off) but not AUDIT_SIGNING_KEY nor the anchor directory.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { pgliteSession } from "@/lib/db/sql";
import { openStore } from "@/lib/db/store";
import { makeTestStore, STORE_KINDS, type TestStore } from "@/test/stores";
import { appendAuditEvent } from "./append-event";
import { benchAuditVerification } from "./bench-verification";
import { anchorFilePath, checkpointWork } from "./checkpoint";
import { GENESIS_HASH, eventHash } from "./hash";
import { verifyAuditChain } from "./verify-chain";
import { getVerificationJob, startFullVerification } from "./verify-job";

const EVERY = 5;
let receiver: Server;
const notices: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      notices.push((JSON.parse(body) as { text: string }).text);
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  // Read by env() on first use, which is after this.
  process.env.AUDIT_SIGNING_KEY = "test-audit-signing-key-0123456789abcdef";
  process.env.AUDIT_CHECKPOINT_EVERY = String(EVERY);
  process.env.AUDIT_CHECKPOINT_MINUTES = "60";
  process.env.NOTIFY_WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/audit`;
});
afterAll(async () => {
  await new Promise((r) => receiver?.close(r));
  for (const k of ["AUDIT_SIGNING_KEY", "AUDIT_CHECKPOINT_EVERY", "AUDIT_CHECKPOINT_MINUTES", "NOTIFY_WEBHOOK_URL"]) delete process.env[k];
});

const TRIGGER_OFF = "SET session_replication_role = replica;";
const TRIGGER_ON = "SET session_replication_role = origin;";

// Each test opens a fresh store (PGlite's first open compiles its WASM), hence the longer timeout.
describe.each(STORE_KINDS)("signed audit checkpoints on %s", { timeout: 120_000 }, (kind) => {
  let t: TestStore | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  async function storeWith(events: number) {
    t = await makeTestStore(kind);
    for (let i = 1; i <= events; i++) {
      await appendAuditEvent(t.store, {
        actionId: randomUUID(),
        stage: "intent",
        actor: "sre@phoenix.local",
        actorRole: "sre",
        action: "cluster.scale",
        target: `deployment:phoenix-api#${i}`,
        input: { replicas: i },
        outcome: "started",
      });
    }
    return t;
  }

  const rows = (s: TestStore) => s.store.prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
  const q = (v: string) => `'${v.replaceAll("'", "''")}'`;

  /** What a superuser can do: change one event's actor, then recompute every later hash and link. */
  async function rewriteActor(s: TestStore, index: number, actor: string) {
    const all = await rows(s);
    let prevHash = index === 0 ? GENESIS_HASH : all[index - 1]!.hash;
    const updates: string[] = [];
    for (const row of all.slice(index)) {
      const changed = row.seq === all[index]!.seq ? { ...row, actor } : row;
      const hash = eventHash(prevHash, changed);
      updates.push(`UPDATE audit_events SET actor = ${q(changed.actor)}, prev_hash = ${q(prevHash)}, hash = ${q(hash)} WHERE seq = ${row.seq};`);
      prevHash = hash;
    }
    await s.superuserSql(`${TRIGGER_OFF} ${updates.join(" ")} ${TRIGGER_ON}`);
    return all[index]!;
  }

  it("names the event whose actor a superuser changed, though every later hash was recomputed", async () => {
    const s = await storeWith(12);
    expect(await verifyAuditChain(s.store)).toMatchObject({ ok: true, checked: 12 });
    const altered = await rewriteActor(s, 5, "mallory@phoenix.local"); // the 6th event
    const verdict = await verifyAuditChain(s.store);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.firstUnvouched).toMatchObject({ position: "6", seq: altered.seq.toString(), actionId: altered.actionId });
    expect(verdict.firstUnvouched.problem).toMatch(/checkpoint at event 10 .*no longer matches/);
    // The badge's incremental verification sees it too: it checks every checkpoint against the chain.
    expect(await verifyAuditChain(s.store, { mode: "incremental" })).toMatchObject({ ok: false, firstUnvouched: { position: "6" } });
  });

  it("detects the newest events deleted (the chain is shorter than its newest checkpoint)", async () => {
    const s = await storeWith(12);
    const all = await rows(s);
    await s.superuserSql(`${TRIGGER_OFF} DELETE FROM audit_events WHERE seq >= ${all[7]!.seq}; ${TRIGGER_ON}`);
    for (const mode of ["full", "incremental"] as const) {
      const verdict = await verifyAuditChain(s.store, { mode });
      expect(verdict.ok).toBe(false);
      if (verdict.ok) return;
      // Events 6 and 7 are still there, but only the checkpoint at 10 vouched for them.
      expect(verdict.firstUnvouched.position).toBe("6");
      expect(verdict.firstUnvouched.problem).toMatch(/chain ends at event 7 but the checkpoint at event 10 .* truncated after the checkpoint at event 5/);
    }
  });

  it("detects a checkpoint forged in the store (its signature is wrong)", async () => {
    const s = await storeWith(12);
    const all = await rows(s);
    const head = all[11]!;
    await s.superuserSql(
      `INSERT INTO audit_checkpoints (position, seq, hash, time, key_id, signature) VALUES (12, ${head.seq}, ${q(head.hash)}, now(), 'forged', ${q("ab".repeat(32))})`,
    );
    const verdict = await verifyAuditChain(s.store);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.firstUnvouched).toMatchObject({ position: "11" });
    expect(verdict.firstUnvouched.problem).toMatch(/checkpoint at event 12 .*signature is invalid/);
  });

  it("detects a checkpoint deleted from the store that the anchor file still holds", async () => {
    const s = await storeWith(12);
    expect(readFileSync(anchorFilePath(s.store), "utf8").trim().split("\n")).toHaveLength(2);
    await s.superuserSql(`${TRIGGER_OFF} DELETE FROM audit_checkpoints WHERE position = 10; ${TRIGGER_ON}`);
    const verdict = await verifyAuditChain(s.store);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.firstUnvouched.position).toBe("6");
    expect(verdict.firstUnvouched.problem).toMatch(/anchor file .*checkpoint at event 10 .*missing from the store/);
  });

  it("verifies incrementally from the last verified checkpoint", async () => {
    const s = await storeWith(12);
    expect(await verifyAuditChain(s.store, { mode: "incremental" })).toMatchObject({ ok: true, checked: 12, from: "1" }); // nothing verified yet
    expect(await verifyAuditChain(s.store, { mode: "incremental" })).toMatchObject({ ok: true, checked: 2, from: "11" });
    for (let i = 0; i < 4; i++) await appendAuditEvent(s.store, { actionId: randomUUID(), stage: "intent", actor: "lead@phoenix.local", action: "deploy.approve", outcome: "started" });
    expect(await verifyAuditChain(s.store, { mode: "incremental" })).toMatchObject({ ok: true, checked: 6, from: "11", head: "16", anchoredThrough: "15" });
    expect(await verifyAuditChain(s.store, { mode: "incremental" })).toMatchObject({ ok: true, checked: 1, from: "16" });
    expect(await verifyAuditChain(s.store, { mode: "full" })).toMatchObject({ ok: true, checked: 16, from: "1" });
  });

  it("posts each checkpoint to the notification webhook", async () => {
    notices.length = 0;
    const s = await storeWith(12);
    const deadline = Date.now() + 5000;
    while (notices.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const all = await rows(s);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain("Audit checkpoint at event 5");
    expect(notices[0]).toContain(all[4]!.hash);
    expect(notices[1]).toContain("Audit checkpoint at event 10");
    expect(notices[1]).toContain(all[9]!.hash);
  });

  it("never fails an append because the checkpoint cannot be published, and publishes it on a later append", async () => {
    const s = await storeWith(4);
    const dir = s.store.auditAnchorDir!;
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, "not a directory"); // the anchor volume is broken
    const fifth = await appendAuditEvent(s.store, { actionId: randomUUID(), stage: "intent", actor: "sre@phoenix.local", action: "cluster.cordon", outcome: "started" });
    expect(fifth.position).toBe(5n);
    expect(await s.store.prisma.auditCheckpoint.findMany({ select: { position: true, anchoredAt: true } })).toEqual([{ position: 5n, anchoredAt: null }]);
    // Signed, not yet published; and with the anchor unreadable the store's checkpoints cannot be checked against it.
    expect(await verifyAuditChain(s.store)).toMatchObject({ ok: false, firstUnvouched: { position: "1", problem: expect.stringMatching(/anchor file .* cannot be read/) } });
    rmSync(dir, { force: true });
    await appendAuditEvent(s.store, { actionId: randomUUID(), stage: "outcome", actor: "sre@phoenix.local", action: "cluster.cordon", outcome: "ok" });
    expect(readFileSync(anchorFilePath(s.store), "utf8")).toContain('"count":"5"');
    expect(await verifyAuditChain(s.store)).toMatchObject({ ok: true, head: "6", anchoredThrough: "5" });
  });

  it("keeps gap-free positions and one checkpoint per due point when appends race", async () => {
    const s = await storeWith(0);
    await Promise.all(Array.from({ length: 23 }, (_, i) => appendAuditEvent(s.store, { actionId: randomUUID(), stage: "intent", actor: "sre@phoenix.local", action: "cluster.scale", target: `race:${i}`, outcome: "started" })));
    const positions = (await s.store.prisma.auditEvent.findMany({ orderBy: { position: "asc" }, select: { position: true } })).map((r) => Number(r.position));
    expect(positions).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    const checkpoints = await s.store.prisma.auditCheckpoint.findMany({ orderBy: { position: "asc" } });
    // A checkpoint signs the head when its signer gets the lock, which under a race may be past the
    // due point: never two for one due point, and never N events left unsigned once appends settle.
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    checkpoints.slice(1).forEach((c, i) => expect(c.position - checkpoints[i]!.position).toBeGreaterThanOrEqual(BigInt(EVERY)));
    expect(23n - checkpoints.at(-1)!.position).toBeLessThan(BigInt(EVERY));
    expect(checkpoints.every((c) => c.anchoredAt !== null)).toBe(true);
    expect(readFileSync(anchorFilePath(s.store), "utf8").trim().split("\n")).toHaveLength(checkpoints.length);
    expect(await verifyAuditChain(s.store)).toMatchObject({ ok: true, checked: 23, anchoredThrough: String(checkpoints.at(-1)!.position) });
  });

  it("is due a checkpoint AUDIT_CHECKPOINT_MINUTES after the last one, even below AUDIT_CHECKPOINT_EVERY events", async () => {
    const s = await storeWith(7);
    expect(await checkpointWork(s.store.prisma, 7n, new Date())).toEqual({ sign: false, publish: false });
    expect(await checkpointWork(s.store.prisma, 7n, new Date(Date.now() + 61 * 60_000))).toEqual({ sign: true, publish: false });
  });

  it("runs a full verification in the background with its progress, and times both kinds for the bench", async () => {
    const s = await storeWith(0);
    const bench = await benchAuditVerification(s.store, 2500);
    expect(bench).toMatchObject({ events: 2500, fullChecked: 2500, incrementalChecked: 10 });
    const progress: Array<[number, number]> = [];
    await verifyAuditChain(s.store, { mode: "full", onProgress: (checked, total) => progress.push([checked, total]) });
    expect(progress).toEqual([
      [2000, 2510],
      [2510, 2510],
    ]);
    const job = startFullVerification(s.store);
    expect(startFullVerification(s.store).id).toBe(job.id); // one at a time
    for (let i = 0; i < 1200 && getVerificationJob(job.id).state === "running"; i++) await new Promise((r) => setTimeout(r, 50));
    expect(getVerificationJob(job.id)).toMatchObject({ state: "done", checked: 2510, total: 2510, verdict: { ok: true, anchoredThrough: "2510" } });
  }, 120_000);
});

describe("the position backfill", { timeout: 120_000 }, () => {
  it("numbers events written before checkpoints in chain order, gaps in seq included, and keeps their hashes", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "phoenix-backfill-"));
    try {
      const before = (await readMigrations()).filter((m) => m.name < "20261202022100");
      const db = new PGlite(path.join(dir, "store"));
      await migrate(pgliteSession(db), before);
      let prevHash = GENESIS_HASH;
      for (const seq of [1, 2, 5]) {
        const e = { actionId: randomUUID(), stage: "intent", time: new Date(), actor: "sre@phoenix.local", actorRole: "sre", action: "cluster.scale", target: null, input: null, outcome: "started", reason: null, error: null };
        const hash = eventHash(prevHash, e);
        await db.query(
          `INSERT INTO audit_events (seq, action_id, stage, time, actor, actor_role, action, outcome, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [seq, e.actionId, e.stage, e.time, e.actor, e.actorRole, e.action, e.outcome, prevHash, hash],
        );
        prevHash = hash;
      }
      await db.query(`SELECT setval('audit_events_seq_seq', 5)`);
      await db.close();
      const store = await openStore({ dataDir: dir, auditAnchorDir: path.join(dir, "anchors") });
      try {
        expect((await store.prisma.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true, position: true } })).map((r) => [r.seq, r.position])).toEqual([
          [1n, 1n],
          [2n, 2n],
          [5n, 3n],
        ]);
        await appendAuditEvent(store, { actionId: randomUUID(), stage: "intent", actor: "sre@phoenix.local", action: "cluster.scale", outcome: "started" });
        expect(await verifyAuditChain(store)).toMatchObject({ ok: true, checked: 4, head: "4" });
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
