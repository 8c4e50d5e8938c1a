import "server-only";
// Changes the console makes to runs on its own: escalating a run at its deadline
// (system:escalation) and failing a step a stopped console left running (system:run-sweeper).
import { z } from "zod";
import { escalateRun } from "@/lib/runbooks/escalation";
import { failInterruptedStep } from "@/lib/runbooks/runs";
import { defineAction } from "./define-action";

/** A run still open at its runbook's deadline: escalated, on its timeline, and the on-call webhook told. */
export const runbookEscalate = defineAction({
  id: "runbook.escalate",
  title: "Escalate run",
  description: "Mark a run that is not resolved by its deadline as escalated and page on-call.",
  input: z.object({ runId: z.uuid(), at: z.iso.datetime() }).strict(),
  risk: "write",
  target: (i) => `run:${i.runId}`,
  run: (i, ctx) => escalateRun(ctx.store, { runId: i.runId, at: new Date(i.at), actionId: ctx.actionId }),
  summarise: (r) => ({ escalated: r.escalated, delivery: r.delivery }),
});

/** A step left running by a console that stopped: failed, so it can be retried once someone has checked. */
export const runbookFailInterruptedStep = defineAction({
  id: "runbook.fail-interrupted-step",
  title: "Fail interrupted step",
  description: "Mark a run's step that a stopped console left running as failed.",
  input: z.object({ runId: z.uuid(), stepId: z.string().min(1).max(100), at: z.iso.datetime() }).strict(),
  risk: "write",
  target: (i) => `run:${i.runId} step:${i.stepId}`,
  run: (i, ctx) => failInterruptedStep(ctx.store, { runId: i.runId, stepId: i.stepId, at: new Date(i.at) }),
  summarise: (r) => ({ failed: r.failed }),
});
