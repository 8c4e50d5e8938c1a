import "server-only";
// Verification of the audit chain against its signed checkpoints and their outside anchors.
// It vouches for an event only as far as a checkpoint it can trust (signed with our key, the
// same in the store and in the anchor file) still matches the chain: a superuser can rewrite
// the rows and recompute every hash, but cannot sign the new head nor unpublish the old one.
import type { Store } from "@/lib/db/store";
import { anchorFilePath, readAnchors, signatureIsValid, toSigned, type SignedCheckpoint } from "./checkpoint";
import { GENESIS_HASH, eventHash } from "./hash";
import { auditSigningKey } from "./signing-key";

export type VerifyMode = "incremental" | "full";

type Common = {
  mode: VerifyMode;
  /** Events whose hash and link were recomputed by this run. */
  checked: number;
  /** Events in the chain. */
  total: number;
  /** The first position this run recomputed (incremental runs start after the last verified checkpoint). */
  from: string;
  verifiedAt: string;
};

export type ChainVerdict =
  | (Common & {
      ok: true;
      head: string;
      headHash: string;
      /** The newest event a published checkpoint vouches for; events after it rest on the chain alone. */
      anchoredThrough: string | null;
    })
  | (Common & {
      ok: false;
      /** The first event the verification cannot vouch for, and why. The event fields are absent when it no longer exists. */
      firstUnvouched: { position: string; seq?: string; actionId?: string; time?: string; action?: string; problem: string };
    });

export type VerifyOptions = { mode?: VerifyMode; onProgress?: (checked: number, total: number) => void };

const PAGE = 2000;

/** Per process, the newest checkpoint this process verified: a store row's verified_at is a hint an attacker could set. */
const verifiedHere = new WeakMap<Store, bigint>();

type Finding = { position: bigint; problem: string };

/**
 * Verifies the chain. "full" recomputes every event; "incremental" (the badge) recomputes only
 * the events after the newest checkpoint verified before, and still checks every checkpoint's
 * signature, its anchor and its (position, seq, hash) against the chain, so a rewrite or a
 * truncation anywhere is caught; only an in-place edit left with a wrong hash before that
 * checkpoint waits for a full run.
 */
export async function verifyAuditChain(store: Store, options: VerifyOptions = {}): Promise<ChainVerdict> {
  const mode = options.mode ?? "full";
  const verifiedAt = new Date().toISOString();
  const findings: Finding[] = [];
  const key = auditSigningKey();

  // Read in the order things are written (event, checkpoint row, anchor line, "anchored" mark),
  // newest first, so appends running meanwhile cannot look like tampering.
  let read = await readAnchors(store);
  let rows = await store.prisma.auditCheckpoint.findMany({ orderBy: { position: "asc" } });
  const lines = read && !("error" in read) ? read : [];
  const inFile = new Set(lines.flatMap((a) => ("count" in a ? [a.count] : [])));
  if (rows.some((r) => r.anchoredAt && !inFile.has(r.position.toString()))) {
    // Marked published after our read of the file: read it again before calling it cut.
    read = await readAnchors(store);
    rows = await store.prisma.auditCheckpoint.findMany({ orderBy: { position: "asc" } });
  }
  const head = await store.prisma.auditEvent.findFirst({ orderBy: { position: "desc" }, select: { position: true } });
  const headPosition = head?.position ?? 0n;

  // 1. Which checkpoints can be trusted: a valid signature, and the store and the anchor file agree.
  const stored = rows.map((row) => ({ ...toSigned(row), anchored: row.anchoredAt !== null, verified: row.verifiedAt !== null }));
  const anchors = read && "error" in read ? null : read;
  if (read && "error" in read) {
    findings.push({ position: 1n, problem: `the anchor file ${anchorFilePath(store)} cannot be read (${read.error}), so the store's checkpoints cannot be checked against it` });
  }
  const published = new Map<string, SignedCheckpoint>();
  const candidates = new Map<bigint, SignedCheckpoint>();
  const distrusted = new Set<bigint>();
  // Problems at a checkpoint, phrased once we know the last checkpoint before it that holds.
  const pending: Array<{ position: bigint; problem: (vouchedThrough: bigint) => string }> = [];
  const note = (position: bigint, problem: (vouchedThrough: bigint) => string) => pending.push({ position, problem });
  const what = (c: SignedCheckpoint) => `the checkpoint at event ${c.count} (signed ${c.time})`;

  for (const a of anchors ?? []) {
    if ("unreadable" in a) {
      findings.push({ position: 1n, problem: `the anchor file ${anchorFilePath(store)} has an unreadable line ${a.line}: it was edited` });
      continue;
    }
    const at = BigInt(a.count);
    const seen = published.get(a.count);
    if (seen && !sameCheckpoint(seen, a)) {
      distrusted.add(at);
      note(at, () => `the anchor file holds two different checkpoints at event ${a.count}: it was edited`);
    }
    published.set(a.count, a);
    if (!signatureIsValid(a)) {
      distrusted.add(at);
      note(at, () => `the anchor file's ${what(a)} has an invalid signature${a.keyId !== key.id ? ` (key ${a.keyId}, not this console's ${key.id})` : ""}: it was forged`);
    }
    candidates.set(at, a);
  }
  for (const c of stored) {
    const at = BigInt(c.count);
    if (!signatureIsValid(c)) {
      distrusted.add(at);
      note(at, () => `${what(c)} in the store: its signature is invalid${c.keyId !== key.id ? ` (key ${c.keyId}, not this console's ${key.id})` : ""}, so it was forged or altered`);
    }
    const a = published.get(c.count);
    if (a && !sameCheckpoint(a, c)) {
      distrusted.add(at);
      note(at, () => `the anchor file disagrees with the store about ${what(a)}: the store's copy was altered`);
    } else if (!a && c.anchored && anchors !== null) {
      distrusted.add(at);
      note(at, () => `${what(c)} was published but is missing from the anchor file: the anchor file was cut`);
    } else if (!a && c.anchored && !read) {
      distrusted.add(at);
      note(at, () => `the anchor file ${anchorFilePath(store)} is missing, though ${what(c)} was published there`);
    }
    if (!a) candidates.set(at, c);
  }
  for (const [count, a] of published) {
    if (!stored.some((c) => c.count === count)) note(BigInt(count), () => `the anchor file holds ${what(a)}, which is missing from the store: it was deleted`);
  }
  const trusted = [...candidates.entries()].filter(([at]) => !distrusted.has(at)).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));

  // 2. Every trusted checkpoint must still be in the chain, and the chain no shorter than the newest.
  const good: bigint[] = [];
  for (let i = 0; i < trusted.length; i += 1000) {
    const slice = trusted.slice(i, i + 1000);
    const rows = await store.prisma.auditEvent.findMany({ where: { position: { in: slice.map(([at]) => at) } }, select: { position: true, seq: true, hash: true } });
    const byPosition = new Map(rows.map((r) => [r.position, r]));
    for (const [at, c] of slice) {
      const row = byPosition.get(at);
      if (row && row.seq.toString() === c.seq && row.hash === c.hash) {
        good.push(at);
      } else if (at > headPosition) {
        note(at, (through) => `the chain ends at event ${headPosition} but ${what(c)} covers ${c.count} events: it was truncated after the checkpoint at event ${through}${through === 0n ? " (the start)" : ""}, and events were removed`);
      } else {
        note(at, (through) => `${what(c)} no longer matches the chain: an event after event ${through} was altered, removed or rewritten`);
      }
    }
  }
  // A problem at a checkpoint puts in doubt every event since the last checkpoint that still holds.
  const goodBefore = (at: bigint) => good.filter((g) => g < at).reduce((m, g) => (g > m ? g : m), 0n);
  for (const p of pending) {
    const through = goodBefore(p.position);
    findings.push({ position: through + 1n, problem: p.problem(through) });
  }

  // 3. Recompute hashes and links, from the start or from the newest checkpoint verified before.
  const remembered = verifiedHere.get(store) ?? [...stored].reverse().find((c) => c.verified && good.includes(BigInt(c.count)))?.count;
  const start = mode === "incremental" && remembered !== undefined && good.includes(BigInt(remembered)) ? BigInt(remembered) : 0n;
  let prevHash = start === 0n ? GENESIS_HASH : candidates.get(start)!.hash;
  let expected = start + 1n;
  let checked = 0;
  const total = Number(headPosition);
  walk: for (;;) {
    const rows = await store.prisma.auditEvent.findMany({ where: { position: { gte: expected } }, orderBy: { position: "asc" }, take: PAGE });
    for (const row of rows) {
      const problem =
        row.position !== expected
          ? `${row.position - 1n > expected ? `events ${expected}–${row.position - 1n} are` : `event ${expected} is`} missing before it: removed`
          : row.prevHash !== prevHash
            ? "its link to the previous event is broken (an event before it was removed or altered)"
            : eventHash(prevHash, row) !== row.hash
              ? "its content does not match its hash (it was altered after it was written)"
              : undefined;
      if (problem) {
        findings.push({ position: row.position, problem });
        break walk;
      }
      prevHash = row.hash;
      expected = row.position + 1n;
      checked++;
    }
    options.onProgress?.(checked, total - Number(start));
    if (rows.length < PAGE) break;
  }

  // Events appended while this ran were walked too.
  const common = { mode, checked, total: Math.max(total, Number(expected - 1n)), from: (start + 1n).toString(), verifiedAt };
  if (findings.length) {
    const first = findings.reduce((a, b) => (b.position < a.position ? b : a));
    const event = await store.prisma.auditEvent.findUnique({ where: { position: first.position }, select: { seq: true, actionId: true, time: true, action: true } });
    return {
      ...common,
      ok: false,
      firstUnvouched: {
        position: first.position.toString(),
        ...(event ? { seq: event.seq.toString(), actionId: event.actionId, time: event.time.toISOString(), action: event.action } : {}),
        problem: first.problem,
      },
    };
  }

  // Remember how far this run vouched, so the next incremental run starts there.
  const newest = good.at(-1);
  if (newest !== undefined) {
    verifiedHere.set(store, newest);
    await store.prisma.auditCheckpoint.updateMany({ where: { position: newest }, data: { verifiedAt: new Date(verifiedAt) } });
  }
  const anchoredThrough = good.filter((g) => published.has(g.toString())).at(-1);
  return { ...common, ok: true, head: (expected - 1n).toString(), headHash: prevHash, anchoredThrough: anchoredThrough?.toString() ?? null };
}

function sameCheckpoint(a: SignedCheckpoint, b: SignedCheckpoint) {
  return a.count === b.count && a.seq === b.seq && a.hash === b.hash && a.time === b.time && a.keyId === b.keyId && a.signature === b.signature;
}
