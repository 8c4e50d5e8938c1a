import "server-only";
// For scripts/bench.ts: how long the badge's incremental verification and a full one take on
// a chain of N events. The chain is seeded in bulk (hashes, positions and signed checkpoints
// computed here exactly as appends would), since N single appends would take hours at 1,000,000.
import { randomUUID } from "node:crypto";
import type { Store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { signCheckpoint, writeDueCheckpoint } from "./checkpoint";
import { appendAuditEvent } from "./append-event";
import { GENESIS_HASH, eventHash } from "./hash";
import { verifyAuditChain } from "./verify-chain";

const BATCH = 5000;
/** Events appended after the full run, so the incremental run has new events to check as on a live console. */
const NEW_EVENTS = 10;

export type VerificationBench = { events: number; seedMs: number; fullMs: number; fullChecked: number; incrementalMs: number; incrementalChecked: number };

/** Seeds `events` events after the store's head (use an empty test store), then times a full and an incremental verification. */
export async function benchAuditVerification(store: Store, events: number): Promise<VerificationBench> {
  const every = BigInt(env().AUDIT_CHECKPOINT_EVERY);
  let at = performance.now();
  const head = await store.prisma.auditEvent.findFirst({ orderBy: { position: "desc" }, select: { position: true, hash: true } });
  let prevHash = head?.hash ?? GENESIS_HASH;
  let position = head?.position ?? 0n;
  const start = Date.now() - events; // one event a millisecond, in order
  for (let done = 0; done < events; ) {
    const rows = [];
    const checkpoints = [];
    for (let i = 0; i < BATCH && done < events; i++, done++) {
      position += 1n;
      const fields = {
        actionId: randomUUID(), stage: "intent", time: new Date(start + done), actor: "sre@phoenix.local", actorRole: "sre", action: "health.acknowledge",
        target: "health:redis", input: { note: "bench", rows: [{ check: "redis", status: "down" }] }, outcome: "started", reason: null, error: null,
      };
      const hash = eventHash(prevHash, fields);
      rows.push({ ...fields, prevHash, hash, position });
      prevHash = hash;
    }
    const inserted = await store.prisma.auditEvent.createManyAndReturn({ data: rows, select: { position: true, seq: true, hash: true } });
    for (const row of inserted) if (row.position % every === 0n) checkpoints.push(signCheckpoint(row, new Date()));
    if (checkpoints.length) await store.prisma.auditCheckpoint.createMany({ data: checkpoints });
  }
  await writeDueCheckpoint(store); // publishes the seeded checkpoints to the anchor file
  const seedMs = performance.now() - at;

  at = performance.now();
  const full = await verifyAuditChain(store, { mode: "full" });
  const fullMs = performance.now() - at;
  if (!full.ok) throw new Error(`bench chain does not verify: ${full.firstUnvouched.problem}`);
  for (let i = 0; i < NEW_EVENTS; i++) {
    await appendAuditEvent(store, { actionId: randomUUID(), stage: "intent", actor: "sre@phoenix.local", action: "health.acknowledge", outcome: "started" });
  }
  at = performance.now();
  const incremental = await verifyAuditChain(store, { mode: "incremental" });
  const incrementalMs = performance.now() - at;
  if (!incremental.ok) throw new Error(`bench chain does not verify incrementally: ${incremental.firstUnvouched.problem}`);
  return { events, seedMs, fullMs, fullChecked: full.checked, incrementalMs, incrementalChecked: incremental.checked };
}
