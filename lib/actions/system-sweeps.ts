import "server-only";
// The changes the console makes on a timer, each through the runner under a system actor on
// behalf of the person whose work it carries on: escalating runs past their deadline, marking
// deployments whose console stopped as interrupted, failing run steps a stopped console left
// running. The domain modules find what is due; the actions (registered like any) change it.
import { AppError } from "@/lib/errors";
import { requiredRole } from "@/lib/auth/policy";
import type { Store } from "@/lib/db/store";
import { staleDeployments } from "@/lib/deployments/execute";
import { log } from "@/lib/log";
import { NOTIFY } from "@/lib/ops/notify/post-webhook";
import { failureText } from "@/lib/ops/timeout";
import { dueRuns, ESCALATION_ACTOR } from "@/lib/runbooks/escalation";
import { findRunbook } from "@/lib/runbooks/catalogue";
import { interruptedSteps } from "@/lib/runbooks/runs";
import { systemActor } from "./define-action";
import { runSystemAction } from "./run-action";

/**
 * Escalates every open run whose deadline has passed; returns the ids escalated. The intent is
 * written before the on-call webhook is called; the outcome says whether it was delivered.
 */
export async function escalateDueRuns(store: Store, options: { now?: Date } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const escalated: string[] = [];
  for (const run of await dueRuns(store, now)) {
    // The timer pages for the person who started the run (who needed runbook.start's role to start it).
    const actor = systemActor(ESCALATION_ACTOR, { onBehalfOf: run.startedBy, role: requiredRole("runbook.escalate") });
    const rule = findRunbook(run.runbookId)?.escalation?.rule ?? "escalation deadline passed";
    try {
      const done = await runSystemAction<{ escalated: boolean }>({ id: "runbook.escalate", input: { runId: run.id, at: now.toISOString() }, actor, store, reason: rule });
      if (done.escalated) escalated.push(run.id);
    } catch (err) {
      // Escalated, but the page did not go out: the outcome says so; the other runs still escalate.
      if (err instanceof AppError && err.details.dependency === NOTIFY) escalated.push(run.id);
      else log.error({ err: failureText(err), run: run.id }, "escalation failed");
    }
  }
  return escalated;
}

/** Marks deployments whose executing console stopped as interrupted (the lock is released); answers how many. */
export async function interruptStaleDeployments(store: Store, now = new Date()): Promise<number> {
  let marked = 0;
  for (const row of await staleDeployments(store, now)) {
    // The sweeper finishes what the executor began, who needed deploy.execute's role to begin it.
    const actor = systemActor("system:deploy-sweeper", { onBehalfOf: row.executedBy, role: requiredRole("deploy.interrupt") });
    const done = await runSystemAction<{ interrupted: boolean }>({ id: "deploy.interrupt", input: { id: row.id, heartbeatAt: row.heartbeatAt!.toISOString() }, actor, store, reason: "no heartbeat from the console executing it" });
    if (done.interrupted) marked++;
  }
  return marked;
}

/** Fails run steps a stopped console left running, so they can be retried; answers how many were found. */
export async function failInterruptedSteps(store: Store, olderThanMs: number, now = new Date()): Promise<number> {
  const stale = await interruptedSteps(store, olderThanMs, now);
  for (const s of stale) {
    // The sweeper finishes what the step's actor began, who needed runbook.step's role to begin it.
    const actor = systemActor("system:run-sweeper", { onBehalfOf: s.actor, role: requiredRole("runbook.fail-interrupted-step") });
    await runSystemAction({ id: "runbook.fail-interrupted-step", input: { runId: s.runId, stepId: s.stepId, at: now.toISOString() }, actor, store, reason: "the console stopped while the step ran" });
  }
  return stale.length;
}
