import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { setSandboxScenario } from "@/lib/ops/kube/sandbox-scenarios";
import { failureText } from "@/lib/ops/timeout";
import { findRunbook } from "@/lib/runbooks/catalogue";
import { applyStepOp, finishRun, startRun, touch } from "@/lib/runbooks/runs";
import { defineAction } from "./define-action";
import { freeText } from "./text-input";

const runId = z.string().uuid();
const stepId = z.string().min(1).max(100);
const text = (max: number) => freeText(max, 3);

/** Starts a run of a runbook with its parameters (a drill when `drill`). */
export const runbookStart = defineAction({
  id: "runbook.start",
  title: "Start runbook",
  description: "Start a guided run of a runbook; its steps are recorded as they are done.",
  input: z
    .object({
      runbookId: z.string().min(1).max(100),
      parameters: z.record(z.string().max(100), z.string().max(500)).default({}),
      drill: z.boolean().optional(),
      alert: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
  risk: "write",
  target: (i) => `runbook:${i.runbookId}${i.drill ? " (drill)" : ""}`,
  run: async (i, ctx) => {
    // A drill switches on the runbook's fault in the sandbox first, so the run meets a real incident.
    let scenario: string | null = null;
    if (i.drill) {
      scenario = findRunbook(i.runbookId)?.drillScenario ?? null;
      if (!scenario) throw new AppError("VALIDATION_FAILED", `Runbook ${i.runbookId} has no drill scenario.`, { issues: [{ path: "input.drill", message: "this runbook has no drill" }] });
      await setSandboxScenario(scenario, true);
    }
    return startRun(ctx.store, { ...i, scenario }, ctx.actor.email);
  },
});

export const stepOpSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("check"), answers: z.record(z.string(), z.union([z.string().max(500), z.number()])).optional() }).strict(),
  z.object({ op: z.literal("complete"), note: freeText(2000).optional() }).strict(),
  z.object({ op: z.literal("skip"), reason: text(2000) }).strict(),
  z.object({ op: z.literal("decide"), choice: z.string().max(200), note: freeText(2000).optional() }).strict(),
  z.object({ op: z.literal("note"), note: text(2000) }).strict(),
  z.object({ op: z.literal("waive"), reason: text(2000) }).strict(),
]);

/** One step of a run: run its check, complete it by hand, skip it with a reason, decide, or note. */
export const runbookStep = defineAction({
  id: "runbook.step",
  title: "Runbook step",
  description: "Record progress on one step of a runbook run.",
  input: z.object({ runId, stepId, step: stepOpSchema }).strict(),
  risk: "write",
  target: (i) => `run:${i.runId}/${i.stepId}`,
  run: (i, ctx) => applyStepOp(ctx.store, i.runId, i.stepId, i.step, ctx.actor.email),
});

/** Ends a run: resolved, or abandoned, with a note for the timeline. */
export const runbookFinish = defineAction({
  id: "runbook.finish",
  title: "Finish runbook run",
  description: "Mark a run resolved or abandoned.",
  input: z.object({ runId, status: z.enum(["resolved", "abandoned"]), note: text(2000) }).strict(),
  risk: "write",
  target: (i) => `run:${i.runId}`,
  run: async (i, ctx) => {
    const run = await finishRun(ctx.store, i.runId, i.status, i.note, ctx.actor.email);
    // The drill is over: its fault goes off again.
    if (run.drill && run.scenario) {
      const message = await setSandboxScenario(run.scenario, false).then(
        () => `Drill over: the sandbox's ${run.scenario} scenario is off`,
        (err: unknown) => `Drill over, but the ${run.scenario} scenario could not be switched off: ${failureText(err)}`,
      );
      await touch(ctx.store, run.id, { actor: ctx.actor.email, kind: "drill-over", message });
    }
    return run;
  },
});
