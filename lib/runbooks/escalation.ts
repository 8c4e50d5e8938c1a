import "server-only";
// Escalation timers: a run still open at its runbook's deadline is marked escalated, the
// escalation is audited and put on the run's timeline, and NOTIFY_WEBHOOK_URL is told.
import { randomUUID } from "node:crypto";
import { appendAuditEvent } from "@/lib/audit/append-event";
import type { Store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { postWebhook } from "@/lib/ops/notify/post-webhook";
import { failureText } from "@/lib/ops/timeout";
import { findRunbook } from "./catalogue";

export const ESCALATION_ACTOR = "system:escalation-timer";

export type Notify = (text: string) => Promise<void>;

/** The configured webhook, or null when notifications are not configured (then they are only logged). */
export function configuredNotify(): Notify | null {
  const url = env().NOTIFY_WEBHOOK_URL;
  return url ? (text) => postWebhook({ url, text, timeoutMs: 5000 }) : null;
}

/** Escalates every open run whose deadline has passed; returns the ids escalated. */
export async function escalateDueRuns(store: Store, options: { now?: Date; notify?: Notify | null; baseUrl?: string } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const notify = options.notify === undefined ? configuredNotify() : options.notify;
  const due = await store.prisma.runbookRun.findMany({ where: { status: "in_progress", escalateAt: { lte: now } }, orderBy: { escalateAt: "asc" } });
  const escalated: string[] = [];
  for (const run of due) {
    // Only one process escalates a run, however many console replicas run this sweep.
    const { count } = await store.prisma.runbookRun.updateMany({ where: { id: run.id, status: "in_progress" }, data: { status: "escalated", escalatedAt: now, revision: { increment: 1 } } });
    if (!count) continue;
    escalated.push(run.id);
    const rule = findRunbook(run.runbookId)?.escalation?.rule ?? "escalation deadline passed";
    const link = options.baseUrl ?? env().NEXTAUTH_URL ?? "";
    const text = `${run.severity ? `[${run.severity}] ` : ""}${run.drill ? "[DRILL] " : ""}Runbook ${run.title} is not resolved: ${rule}. Started by ${run.startedBy} at ${run.startedAt.toISOString()}.${link ? ` ${link.replace(/\/$/, "")}/runs/${run.id}` : ""}`;
    let delivery: string;
    if (!notify) delivery = "notification not configured (NOTIFY_WEBHOOK_URL); logged only";
    else {
      try {
        await notify(text);
        delivery = "notified the on-call webhook";
      } catch (err) {
        delivery = `the notification failed: ${failureText(err)}`;
      }
    }
    log.warn({ run: run.id, delivery }, text);
    const actionId = randomUUID();
    const base = { actionId, actor: ESCALATION_ACTOR, actorRole: null, action: "runbook.escalate", target: `run:${run.id}`, reason: rule };
    await appendAuditEvent(store, { ...base, stage: "intent", input: { runId: run.id, runbook: run.runbookId, drill: run.drill }, outcome: "started" });
    const failed = delivery.startsWith("the notification failed");
    await appendAuditEvent(store, { ...base, stage: "outcome", outcome: failed ? "failed" : "ok", error: delivery.startsWith("notified") ? null : delivery });
    await store.prisma.runbookRunEvent.create({ data: { runId: run.id, actor: ESCALATION_ACTOR, kind: "escalated", message: `Escalated: ${rule}; ${delivery}`, data: { actionId } } });
  }
  return escalated;
}
