import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { Store } from "@/lib/db/store";
import { checkpointWork, writeDueCheckpoint } from "./checkpoint";
import { GENESIS_HASH, eventHash } from "./hash";
import { redactOptionalText } from "@/lib/redact-text";
import { AUDIT_LOCK_KEY } from "./lock";
import { redact } from "./redact";

export type AuditStage = "intent" | "outcome";
export type AuditOutcome = "started" | "ok" | "failed" | "denied" | "unknown";

export type NewAuditEvent = {
  actionId: string;
  stage: AuditStage;
  actor: string;
  actorRole?: string | null;
  action: string;
  target?: string | null;
  input?: unknown;
  outcome: AuditOutcome;
  reason?: string | null;
  error?: string | null;
  /** For a system actor: the person it acts for. */
  onBehalfOf?: string | null;
  /** For an outcome: what the action did (redacted before it is stored). */
  result?: unknown;
};

/**
 * Appends one event to the chain. A transaction advisory lock serialises appends across
 * every replica, so each event's prevHash is the hash of the event before it and its
 * position is the one before plus one. When a signed checkpoint is due it is written after
 * the event is committed, so it can delay an action but never fail it.
 */
export async function appendAuditEvent(store: Store, event: NewAuditEvent) {
  return (await append(store, event, false))!;
}

/** Appends an outcome unless the action already has one (checked under the same lock). */
export async function appendOutcomeIfMissing(store: Store, event: NewAuditEvent & { stage: "outcome" }) {
  return append(store, event, true);
}

async function append(store: Store, event: NewAuditEvent, unlessOutcomeExists: boolean) {
  const fields = {
    actionId: event.actionId,
    stage: event.stage,
    time: new Date(),
    actor: event.actor,
    actorRole: event.actorRole ?? null,
    action: event.action,
    // Free text too: a query string's ?token=, a reason quoting a connection URL.
    target: redactOptionalText(event.target ?? null),
    input: event.input === undefined ? null : (redact(event.input) as Prisma.InputJsonValue),
    outcome: event.outcome,
    reason: redactOptionalText(event.reason ?? null),
    error: redactOptionalText(event.error ?? null),
    onBehalfOf: event.onBehalfOf ?? null,
    result: event.result === undefined || event.result === null ? null : (redact(event.result) as Prisma.InputJsonValue),
  };
  const appended = await store.prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    // Checked under the lock, so two replicas sweeping at once record one outcome, not two.
    if (unlessOutcomeExists) {
      const done = await tx.auditEvent.findFirst({ where: { actionId: event.actionId, stage: "outcome" }, select: { seq: true } });
      if (done) return null;
    }
    const last = await tx.auditEvent.findFirst({ orderBy: { position: "desc" }, select: { hash: true, position: true } });
    const prevHash = last?.hash ?? GENESIS_HASH;
    const position = (last?.position ?? 0n) + 1n;
    const hash = eventHash(prevHash, fields);
    return tx.auditEvent.create({
      data: { ...fields, input: fields.input ?? undefined, result: fields.result ?? undefined, prevHash, hash, position },
    });
  });
  // After the commit and outside the event's transaction: a checkpoint problem cannot undo the event.
  if (appended) {
    const work = await checkpointWork(store.prisma, appended.position, fields.time).catch(() => ({ sign: true, publish: true }));
    if (work.sign || work.publish) await writeDueCheckpoint(store);
  }
  return appended;
}
