import "server-only";
// Signed checkpoints of the chain's head, kept in the store and published outside it (a
// JSON line per checkpoint in AUDIT_ANCHOR_DIR, and the notification webhook). Without the
// key a database superuser cannot sign a rewritten head, and cannot unpublish the old one.
import path from "node:path";
import type { Store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { appendLines, readLines } from "@/lib/ops/files/append-only-file";
import { postWebhook } from "@/lib/ops/notify/post-webhook";
import { AUDIT_LOCK_KEY } from "./lock";
import { canonicalJson } from "./hash";
import { auditSigningKey, hmacHex, sameHex } from "./signing-key";

/** What a checkpoint says: the chain had `count` events, the last one being `seq` with `hash`, at `time`. */
export type CheckpointStatement = { count: string; seq: string; hash: string; time: string };
export type SignedCheckpoint = CheckpointStatement & { keyId: string; signature: string };

type CheckpointRow = { position: bigint; seq: bigint; hash: string; time: Date; keyId: string; signature: string };

export function toSigned(row: CheckpointRow): SignedCheckpoint {
  return { count: row.position.toString(), seq: row.seq.toString(), hash: row.hash, time: row.time.toISOString(), keyId: row.keyId, signature: row.signature };
}

function statementText(s: CheckpointStatement): string {
  return canonicalJson({ count: s.count, seq: s.seq, hash: s.hash, time: s.time });
}

export function signatureIsValid(c: SignedCheckpoint): boolean {
  return sameHex(hmacHex(auditSigningKey(), statementText(c)), c.signature);
}

export function anchorFilePath(store: Store): string {
  return path.join(store.auditAnchorDir ?? env().auditAnchorDir, "checkpoints.jsonl");
}

/** The anchor file's checkpoints (null when there is no file); a line that does not parse is returned as such. */
export async function readAnchors(store: Store): Promise<Array<SignedCheckpoint | { unreadable: string; line: number }> | null | { error: string }> {
  let lines: string[] | null;
  try {
    lines = await readLines({ file: anchorFilePath(store) });
  } catch (err) {
    return { error: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
  if (!lines) return null;
  return lines.map((text, i) => {
    try {
      const v = JSON.parse(text) as Partial<SignedCheckpoint>;
      if ([v.count, v.seq, v.hash, v.time, v.keyId, v.signature].every((f) => typeof f === "string")) return v as SignedCheckpoint;
    } catch {
      // reported below
    }
    return { unreadable: text.slice(0, 80), line: i + 1 };
  });
}

type Client = Pick<Store["prisma"], "auditCheckpoint" | "auditEvent">;

/**
 * What the head at `position` needs: a new signed checkpoint (AUDIT_CHECKPOINT_EVERY events
 * since the last one, or AUDIT_CHECKPOINT_MINUTES since it, or since the first event when there
 * is none), and/or publishing the last one, which has not reached the anchor file yet.
 * Two indexed reads, after every append.
 */
export async function checkpointWork(client: Client, position: bigint, now: Date): Promise<{ sign: boolean; publish: boolean }> {
  const { AUDIT_CHECKPOINT_EVERY: every, AUDIT_CHECKPOINT_MINUTES: minutes } = env();
  const last = await client.auditCheckpoint.findFirst({ orderBy: { position: "desc" }, select: { position: true, time: true, anchoredAt: true } });
  const publish = last !== null && last.anchoredAt === null;
  if (last && last.position >= position) return { sign: false, publish };
  if (position - (last?.position ?? 0n) >= BigInt(every)) return { sign: true, publish };
  const since = last?.time ?? (await client.auditEvent.findFirst({ where: { position: 1n }, select: { time: true } }))?.time;
  return { sign: since !== undefined && now.getTime() - since.getTime() >= minutes * 60_000, publish };
}

/**
 * Signs the head if due, then publishes every checkpoint not yet published. Never throws: an
 * action must not fail because its checkpoint could not be written; the next append retries.
 */
export async function writeDueCheckpoint(store: Store): Promise<void> {
  try {
    await signHead(store);
    const published = await publishPending(store);
    const url = env().NOTIFY_WEBHOOK_URL;
    if (url) for (const c of published) void notify(url, c);
  } catch (err) {
    log.error({ err: err instanceof Error ? err.message : String(err) }, "audit checkpoint not written; retrying on the next append");
  }
}

async function signHead(store: Store) {
  await store.prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const head = await tx.auditEvent.findFirst({ orderBy: { position: "desc" }, select: { position: true, seq: true, hash: true } });
    const now = new Date();
    if (!head || !(await checkpointWork(tx, head.position, now)).sign) return;
    await tx.auditCheckpoint.create({ data: signCheckpoint(head, now) });
  });
}

/** A checkpoint row for the event at `position`, signed now with this console's key. */
export function signCheckpoint(head: { position: bigint; seq: bigint; hash: string }, time: Date) {
  const key = auditSigningKey();
  const statement: CheckpointStatement = { count: head.position.toString(), seq: head.seq.toString(), hash: head.hash, time: time.toISOString() };
  return { position: head.position, seq: head.seq, hash: head.hash, time, keyId: key.id, signature: hmacHex(key, statementText(statement)) };
}

/**
 * Appends unpublished checkpoints to the anchor file, then marks them published. Under the lock,
 * so replicas sharing the directory do not interleave; a crash between the two steps only
 * repeats an identical line, which verification accepts.
 */
async function publishPending(store: Store): Promise<SignedCheckpoint[]> {
  return store.prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const unpublished = await tx.auditCheckpoint.findMany({ where: { anchoredAt: null }, orderBy: { position: "asc" } });
    // A row someone inserted without the key is never published: that would launder it.
    const pending = unpublished.filter((row) => signatureIsValid(toSigned(row)));
    if (pending.length < unpublished.length) log.error({ forged: unpublished.length - pending.length }, "audit checkpoints with an invalid signature found in the store; not published");
    if (!pending.length) return [];
    const signed = pending.map(toSigned);
    await appendLines({ file: anchorFilePath(store), lines: signed.map((c) => JSON.stringify(c)) });
    await tx.auditCheckpoint.updateMany({ where: { position: { in: pending.map((p) => p.position) } }, data: { anchoredAt: new Date() } });
    return signed;
  });
}

async function notify(url: string, c: SignedCheckpoint) {
  try {
    await postWebhook({ url, text: `🔏 Audit checkpoint at event ${c.count}: ${JSON.stringify(c)}`, timeoutMs: env().HEALTH_TIMEOUT_MS });
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err), count: c.count }, "audit checkpoint not posted to the webhook (it is in the anchor file)");
  }
}
