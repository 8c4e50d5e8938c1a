import "server-only";
import type { Store } from "@/lib/db/store";
import { appendOutcomeIfMissing } from "./append-event";

type Orphan = { action_id: string; actor: string; actor_role: string | null; action: string; target: string | null };

/**
 * An intent with no outcome after `olderThanMs` belongs to an action whose process died
 * (every action has a timeout well below that): record its outcome as "unknown".
 */
export async function sweepOrphanIntents(store: Store, olderThanMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  const orphans = await store.prisma.$queryRaw<Orphan[]>`
    SELECT i.action_id::text AS action_id, i.actor, i.actor_role, i.action, i.target
    FROM audit_events i
    WHERE i.stage = 'intent' AND i.time < ${cutoff}
      AND NOT EXISTS (SELECT 1 FROM audit_events o WHERE o.action_id = i.action_id AND o.stage = 'outcome')
    ORDER BY i.seq`;
  let recorded = 0;
  for (const o of orphans) {
    const event = await appendOutcomeIfMissing(store, {
      actionId: o.action_id,
      stage: "outcome",
      actor: o.actor,
      actorRole: o.actor_role,
      action: o.action,
      target: o.target,
      outcome: "unknown",
      error: "No outcome was recorded: the console stopped while this action ran. Check the target's actual state.",
    });
    if (event) recorded++;
  }
  return recorded;
}
