import "server-only";
// Escalation timers: a run still open at its deadline is escalated through the action runner
// (runbook.escalate, as system:escalation on behalf of the run's starter): the audit intent is
// written first, then the run is marked escalated and NOTIFY_WEBHOOK_URL is told, then the
// outcome says whether the notification was delivered.
import { AppError } from "@/lib/errors";
import type { Store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { NOTIFY, postWebhook } from "@/lib/ops/notify/post-webhook";
import { failureText } from "@/lib/ops/timeout";
import { findRunbook } from "./catalogue";

export const ESCALATION_ACTOR = "system:escalation";

export type Notify = (text: string) => Promise<void>;

/** The configured webhook, or null when notifications are not configured (then they are only logged). */
export function configuredNotify(): Notify | null {
  const url = env().NOTIFY_WEBHOOK_URL;
  return url ? (text) => postWebhook({ url, text, timeoutMs: 5000 }) : null;
}

/** Open runs whose escalation deadline has passed; the timer is in lib/actions/system-sweeps.ts. */
export async function dueRuns(store: Store, now: Date) {
  return store.prisma.runbookRun.findMany({ where: { status: "in_progress", escalateAt: { lte: now } }, orderBy: { escalateAt: "asc" } });
}

/**
 * Marks one run escalated (only one process does, however many replicas sweep), puts it on the
 * run's timeline and notifies; a failed notification fails the action, so its outcome says so.
 */
export async function escalateRun(store: Store, options: { runId: string; at: Date; actionId: string }): Promise<{ escalated: boolean; delivery: string | null }> {
  const { count } = await store.prisma.runbookRun.updateMany({ where: { id: options.runId, status: "in_progress" }, data: { status: "escalated", escalatedAt: options.at, revision: { increment: 1 } } });
  if (!count) return { escalated: false, delivery: null };
  const run = await store.prisma.runbookRun.findUniqueOrThrow({ where: { id: options.runId } });
  const rule = findRunbook(run.runbookId)?.escalation?.rule ?? "escalation deadline passed";
  const link = env().NEXTAUTH_URL ?? "";
  const text = `${run.severity ? `[${run.severity}] ` : ""}${run.drill ? "[DRILL] " : ""}Runbook ${run.title} is not resolved: ${rule}. Started by ${run.startedBy} at ${run.startedAt.toISOString()}.${link ? ` ${link.replace(/\/$/, "")}/runs/${run.id}` : ""}`;
  const notify = configuredNotify();
  let delivery: string;
  let failed = false;
  if (!notify) delivery = "notification not configured (NOTIFY_WEBHOOK_URL); logged only";
  else {
    try {
      await notify(text);
      delivery = "notified the on-call webhook";
    } catch (err) {
      failed = true;
      delivery = `the notification failed: ${failureText(err)}`;
    }
  }
  log.warn({ run: run.id, delivery }, text);
  await store.prisma.runbookRunEvent.create({ data: { runId: run.id, actor: ESCALATION_ACTOR, kind: "escalated", message: `Escalated: ${rule}; ${delivery}`, data: { actionId: options.actionId } } });
  if (failed) throw new AppError("DEPENDENCY_FAILED", `Escalated, but ${delivery}`, { dependency: NOTIFY });
  return { escalated: true, delivery };
}
