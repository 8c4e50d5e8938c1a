import "server-only";
import { z } from "zod";
import type { AuditEvent, Prisma } from "@/lib/db/generated/client";
import type { Store } from "@/lib/db/store";

// The store's timestamps (and Prisma's ISO strings) hold years 1 to 9999; a filter beyond
// them is the caller's mistake, not the store's.
const EARLIEST = new Date("0001-01-01T00:00:00.000Z").getTime();
const LATEST = new Date("9999-12-31T23:59:59.999Z").getTime();
const storableDate = z.iso
  .datetime({ offset: true, abort: true })
  .refine((s) => {
    const t = new Date(s).getTime();
    return t >= EARLIEST && t <= LATEST;
  }, "must be a date between 0001-01-01 and 9999-12-31 (UTC)");

/** A filter's text as itself: LIKE's wildcards and escape character are matched literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const auditFilterSchema = z
  .object({
    actor: z.string().trim().max(320).optional(),
    action: z.string().trim().max(200).optional(),
    outcome: z.enum(["started", "ok", "failed", "denied", "unknown"]).optional(),
    actionId: z.uuid("must be an action id (UUID)").optional(),
    from: storableDate.optional(),
    to: storableDate.optional(),
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
    ...(filter.actor ? { actor: { contains: escapeLike(filter.actor), mode: "insensitive" } } : {}),
    ...(filter.action ? { action: { startsWith: escapeLike(filter.action) } } : {}),
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
