import "server-only";
import { z } from "zod";
import type { AuditEvent, Prisma } from "@/lib/db/generated/client";
import type { Store } from "@/lib/db/store";

export const auditFilterSchema = z
  .object({
    actor: z.string().trim().max(320).optional(),
    action: z.string().trim().max(200).optional(),
    outcome: z.enum(["started", "ok", "failed", "denied", "unknown"]).optional(),
    actionId: z.uuid("must be an action id (UUID)").optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditPageSchema = auditFilterSchema
  .extend({
    cursor: z.string().regex(/^\d{1,18}$/, "must be an event number").optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export type AuditRow = ReturnType<typeof toAuditRow>;

export function toAuditRow(e: AuditEvent) {
  return {
    seq: e.seq.toString(),
    actionId: e.actionId,
    stage: e.stage,
    time: e.time.toISOString(),
    actor: e.actor,
    actorRole: e.actorRole,
    /** For a system actor: the person it acted for. */
    onBehalfOf: e.onBehalfOf,
    action: e.action,
    target: e.target,
    input: e.input,
    outcome: e.outcome,
    reason: e.reason,
    error: e.error,
    /** What the action did (an outcome's summary), when it said. */
    result: e.result,
    hash: e.hash,
  };
}

function where(filter: AuditFilter, before?: bigint): Prisma.AuditEventWhereInput {
  return {
    ...(filter.actor ? { actor: { contains: filter.actor, mode: "insensitive" } } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.actionId ? { actionId: filter.actionId } : {}),
    ...(filter.from || filter.to
      ? { time: { ...(filter.from ? { gte: new Date(filter.from) } : {}), ...(filter.to ? { lte: new Date(filter.to) } : {}) } }
      : {}),
    ...(before !== undefined ? { seq: { lt: before } } : {}),
  };
}

/** One page, newest first, keyset-paginated on seq (no OFFSET: stable under appends). */
export async function listAuditEvents(store: Store, filter: AuditFilter, page: { cursor?: string; limit: number }) {
  const rows = await store.prisma.auditEvent.findMany({
    where: where(filter, page.cursor ? BigInt(page.cursor) : undefined),
    orderBy: { seq: "desc" },
    take: page.limit + 1,
  });
  const more = rows.length > page.limit;
  const events = rows.slice(0, page.limit).map(toAuditRow);
  return { events, nextCursor: more ? events[events.length - 1]!.seq : null };
}

/** Every matching event, newest first, in keyset batches, for export. */
export async function* iterateAuditEvents(store: Store, filter: AuditFilter, batch = 1000) {
  let cursor: string | undefined;
  for (;;) {
    const page = await listAuditEvents(store, filter, { cursor, limit: batch });
    yield* page.events;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
