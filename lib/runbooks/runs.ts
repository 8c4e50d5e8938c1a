import "server-only";
// Runs of runbooks, persisted: start, read, and the step operations (run a check, record an
// action's result, complete a manual step, skip with a reason, decide, note), and finishing.
// Every change bumps the run's revision and adds a timeline event.
import { AppError, validationError } from "@/lib/errors";
import type { Store } from "@/lib/db/store";
import { failureText } from "@/lib/ops/timeout";
import { type DeploymentView, getDeploymentRequest } from "@/lib/deployments/requests";
import { findRunbook, resolveParameters, runbookVersion, stepInput } from "./catalogue";
import { followedStep } from "./deployment-steps";
import { CHECKS } from "./checks";
import { isReading, type Runbook, type Step, type StepState } from "./types";

export type { StepState };
export type RunStatus = "in_progress" | "resolved" | "escalated" | "abandoned";

export type RunStepView = {
  stepId: string;
  position: number;
  state: StepState;
  output: unknown;
  error: string | null;
  note: string | null;
  actor: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  attempts: number;
  actionId: string | null;
};

export type RunEventView = { id: string; at: string; actor: string; kind: string; stepId: string | null; message: string };

/** A temporary mitigation a done step left in place, until its undo step runs or someone records why it stays. */
export type Obligation = {
  id: string;
  text: string;
  openedBy: string | null;
  openedAt: string | null;
  openedByStep: string;
  closingStep: string | null;
  state: "open" | "closed" | "waived";
  closedBy: string | null;
  closedAt: string | null;
  reason: string | null;
};

export type RunView = {
  id: string;
  runbookId: string;
  runbookVersion: string;
  /** False when the catalogue's definition changed since the run started. */
  currentVersion: boolean;
  title: string;
  parameters: Record<string, string>;
  severity: string | null;
  alert: unknown;
  drill: boolean;
  scenario: string | null;
  status: RunStatus;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  escalateAt: string | null;
  escalatedAt: string | null;
  revision: number;
  steps: RunStepView[];
  events: RunEventView[];
  obligations: Obligation[];
  /** Runbooks 3.1/3.2: the deployment this run requested, whose steps its deployment steps follow. */
  deployment: { id: string; kind: string; version: string; environment: string; status: string } | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type StartRunInput = { runbookId: string; parameters: Record<string, string>; drill?: boolean; alert?: unknown; scenario?: string | null };

export async function startRun(store: Store, input: StartRunInput, actor: string): Promise<RunView> {
  const runbook = findRunbook(input.runbookId);
  if (!runbook) throw new AppError("NOT_FOUND", `No runbook "${input.runbookId}".`);
  const { values, issues } = resolveParameters(runbook, input.parameters);
  if (issues.length) throw validationError(issues);
  const now = new Date();
  const run = await store.prisma.runbookRun.create({
    data: {
      runbookId: runbook.id,
      runbookVersion: runbookVersion(runbook),
      title: `${runbook.number} ${runbook.title}`,
      parameters: values,
      severity: runbook.severity,
      alert: (input.alert ?? undefined) as never,
      drill: input.drill ?? false,
      scenario: input.scenario ?? null,
      startedBy: actor,
      startedAt: now,
      escalateAt: runbook.escalation ? new Date(now.getTime() + runbook.escalation.afterMinutes * 60_000) : null,
      steps: { create: runbook.steps.map((s, position) => ({ stepId: s.id, position })) },
      events: {
        create: {
          actor,
          kind: "started",
          message: `Started ${input.drill ? "a drill of " : ""}runbook ${runbook.number} ${runbook.title}${Object.keys(values).length ? ` (${Object.entries(values).map(([k, v]) => `${k}=${v}`).join(", ")})` : ""}${input.scenario ? `; the sandbox's ${input.scenario} scenario is on` : ""}`,
          data: { version: runbookVersion(runbook) },
        },
      },
    },
  });
  return getRun(store, run.id);
}

export async function getRun(store: Store, id: string): Promise<RunView> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("NOT_FOUND", `No run ${id}.`);
  const run = await store.prisma.runbookRun.findUnique({
    where: { id },
    include: { steps: { orderBy: { position: "asc" } }, events: { orderBy: { id: "asc" } } },
  });
  if (!run) throw new AppError("NOT_FOUND", `No run ${id}.`);
  const runbook = findRunbook(run.runbookId);
  const linked = runbook?.deployment ? await store.prisma.deploymentRequest.findFirst({ where: { runId: run.id }, orderBy: { requestedAt: "desc" }, select: { id: true } }) : null;
  const deployment = linked ? await getDeploymentRequest(store, linked.id) : null;
  const view: RunView = {
    id: run.id,
    runbookId: run.runbookId,
    runbookVersion: run.runbookVersion,
    currentVersion: !!runbook && runbookVersion(runbook) === run.runbookVersion,
    title: run.title,
    parameters: run.parameters as Record<string, string>,
    severity: run.severity,
    alert: run.alert,
    drill: run.drill,
    scenario: run.scenario,
    status: run.status as RunStatus,
    startedBy: run.startedBy,
    startedAt: run.startedAt.toISOString(),
    endedAt: iso(run.endedAt),
    escalateAt: iso(run.escalateAt),
    escalatedAt: iso(run.escalatedAt),
    revision: run.revision,
    steps: run.steps.map((s) => ({
      stepId: s.stepId,
      position: s.position,
      state: s.state as StepState,
      output: s.output,
      error: s.error,
      note: s.note,
      actor: s.actor,
      startedAt: iso(s.startedAt),
      finishedAt: iso(s.finishedAt),
      attempts: s.attempts,
      actionId: s.actionId,
    })),
    events: run.events.map((e) => ({ id: e.id.toString(), at: e.at.toISOString(), actor: e.actor, kind: e.kind, stepId: e.stepId, message: e.message })),
    obligations: runbook ? obligationsOf(runbook, run.steps, run.events) : [],
    deployment: deployment ? { id: deployment.id, kind: deployment.kind, version: deployment.version, environment: deployment.environment, status: deployment.status } : null,
  };
  return runbook?.deployment ? withDeployment(view, runbook, deployment) : view;
}

/** A run's deployment steps read from its deployment, and the deployment's timeline in the run's. */
function withDeployment(view: RunView, runbook: Runbook, d: DeploymentView | null): RunView {
  const steps = view.steps.map((s) => {
    const def = runbook.steps.find((x) => x.id === s.stepId);
    if (def?.kind !== "deployment") return s;
    const f = followedStep(def.phase, d);
    return { ...s, state: f.state, output: { deploymentId: d?.id ?? null, lines: f.lines }, actor: f.actor, finishedAt: f.state === "done" || f.state === "failed" ? f.at : null };
  });
  if (!d) return { ...view, steps };
  const events: RunEventView[] = [
    { id: `deployment-${d.id}`, at: d.requestedAt, actor: d.requestedBy, kind: "deployment", stepId: "request", message: `Deployment requested: ${d.version} to ${d.environment}` },
    ...d.decisions.map((x, i) => ({ id: `deployment-decision-${i}`, at: x.at, actor: x.by, kind: "deployment", stepId: "request", message: `Deployment ${x.decision === "approve" ? "approved" : "rejected"}: ${x.comment}` })),
    ...d.events
      .filter((e) => !((e.kind === "rollout" || e.kind === "rollback") && e.state === "running"))
      .map((e) => ({ id: `deployment-event-${e.id}`, at: e.at, actor: e.actor, kind: "deployment", stepId: null, message: `Deployment: ${e.service ? `${e.service}: ` : ""}${e.message}` })),
  ];
  return { ...view, steps, events: [...view.events, ...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) };
}

/** Which temporary mitigations are open: derived from the steps' states and waiver events, never stored twice. */
function obligationsOf(
  runbook: Runbook,
  steps: { stepId: string; state: string; actor: string | null; finishedAt: Date | null }[],
  events: { kind: string; actor: string; at: Date; data: unknown }[],
): Obligation[] {
  return runbook.steps.flatMap((opener): Obligation[] => {
    if (opener.kind !== "action" || !opener.opens) return [];
    const opened = steps.find((s) => s.stepId === opener.id);
    if (opened?.state !== "done") return [];
    const closer = runbook.steps.find((s) => s.kind === "action" && s.closes === opener.opens!.id);
    const closed = closer ? steps.find((s) => s.stepId === closer.id && s.state === "done") : undefined;
    const waiver = [...events].reverse().find((e) => e.kind === "obligation-waived" && (e.data as { obligation?: string } | null)?.obligation === opener.opens!.id);
    const base = { id: opener.opens.id, text: opener.opens.text, openedBy: opened.actor, openedAt: iso(opened.finishedAt), openedByStep: opener.id, closingStep: closer?.id ?? null };
    if (closed) return [{ ...base, state: "closed" as const, closedBy: closed.actor, closedAt: iso(closed.finishedAt), reason: null }];
    if (waiver) return [{ ...base, state: "waived" as const, closedBy: waiver.actor, closedAt: waiver.at.toISOString(), reason: (waiver.data as { reason?: string }).reason ?? null }];
    return [{ ...base, state: "open" as const, closedBy: null, closedAt: null, reason: null }];
  });
}

export async function listRuns(store: Store, options: { status?: RunStatus; limit: number }) {
  const runs = await store.prisma.runbookRun.findMany({
    where: options.status ? { status: options.status } : {},
    orderBy: { startedAt: "desc" },
    take: options.limit,
    include: { steps: { select: { state: true } } },
  });
  return runs.map((r) => ({
    id: r.id,
    runbookId: r.runbookId,
    title: r.title,
    severity: r.severity,
    drill: r.drill,
    status: r.status as RunStatus,
    startedBy: r.startedBy,
    startedAt: r.startedAt.toISOString(),
    endedAt: iso(r.endedAt),
    escalateAt: iso(r.escalateAt),
    stepsDone: r.steps.filter((s) => s.state === "done" || s.state === "skipped").length,
    stepsTotal: r.steps.length,
  }));
}

/** The run, its definition and one step of it, refusing changes to a finished run. */
export async function loadStep(store: Store, runId: string, stepId: string): Promise<{ run: RunView; runbook: Runbook; step: Step; state: RunStepView }> {
  const run = await getRun(store, runId);
  const runbook = findRunbook(run.runbookId);
  if (!runbook) throw new AppError("CONFLICT", `Run ${runId} follows runbook ${run.runbookId}, which is no longer in the catalogue.`);
  const step = runbook.steps.find((s) => s.id === stepId);
  const state = run.steps.find((s) => s.stepId === stepId);
  if (!step || !state) throw new AppError("NOT_FOUND", `Runbook ${runbook.number} has no step "${stepId}".`);
  if (run.status === "resolved" || run.status === "abandoned") throw new AppError("CONFLICT", `The run is ${run.status}; its steps can no longer change.`);
  return { run, runbook, step, state };
}

export async function touch(store: Store, runId: string, event: { actor: string; kind: string; stepId?: string; message: string; data?: unknown }) {
  await store.prisma.$transaction([
    store.prisma.runbookRun.update({ where: { id: runId }, data: { revision: { increment: 1 } } }),
    store.prisma.runbookRunEvent.create({ data: { runId, actor: event.actor, kind: event.kind, stepId: event.stepId ?? null, message: event.message, data: (event.data ?? undefined) as never } }),
  ]);
}

/** Moves a step from one of `from` to `to`; a 409 if someone else moved it first. */
async function moveStep(store: Store, runId: string, stepId: string, from: StepState[], data: Record<string, unknown>) {
  const { count } = await store.prisma.runbookRunStep.updateMany({ where: { runId, stepId, state: { in: from } }, data });
  if (!count) throw new AppError("CONFLICT", `Step "${stepId}" changed meanwhile (someone else is on it); reload to see its state.`);
}

export type StepOp =
  | { op: "check"; answers?: Record<string, unknown> }
  | { op: "complete"; note?: string }
  | { op: "skip"; reason: string }
  | { op: "decide"; choice: string; note?: string }
  | { op: "note"; note: string }
  | { op: "waive"; reason: string };

/** Runs a step operation other than an action (those go through runStepAction in the route). */
export async function applyStepOp(store: Store, runId: string, stepId: string, op: StepOp, actor: string): Promise<RunView> {
  const { run, step } = await loadStep(store, runId, stepId);
  if (step.kind === "deployment" && op.op !== "note") {
    throw new AppError("CONFLICT", `"${step.title}" follows the run's deployment; act on the deployment's page${run.deployment ? ` (/deployments/${run.deployment.id})` : ""}.`);
  }
  const now = new Date();
  switch (op.op) {
    case "check": {
      if (!isReading(step)) throw new AppError("CONFLICT", `Step "${stepId}" is a ${step.kind} step, not a check.`);
      const check = CHECKS[step.check];
      const parsed = check.input.safeParse(stepInput(step, run.parameters, op.answers));
      if (!parsed.success) throw validationError(parsed.error.issues.map((i) => ({ path: `input.${i.path.join(".")}`, message: i.message })));
      // Checks can run again at any time: the newest reading is the one that counts.
      await moveStep(store, runId, stepId, ["pending", "failed", "done", "skipped", "running"], { state: "running", startedAt: now, actor, attempts: { increment: 1 } });
      try {
        const output = await check.run(parsed.data);
        await moveStep(store, runId, stepId, ["running"], { state: "done", output: output as never, error: null, finishedAt: new Date() });
        await touch(store, runId, { actor, kind: "check", stepId, message: `${step.title}: ${output.summary}`, data: { verdict: output.verdict } });
      } catch (err) {
        if (err instanceof AppError && err.status < 500 && err.code !== "NOT_FOUND") throw err;
        const message = failureText(err);
        await moveStep(store, runId, stepId, ["running"], { state: "failed", error: message, finishedAt: new Date() });
        await touch(store, runId, { actor, kind: "step-failed", stepId, message: `${step.title} failed: ${message}` });
      }
      break;
    }
    case "complete": {
      if (step.kind !== "manual") throw new AppError("CONFLICT", `Only manual steps are completed by hand; "${stepId}" is a ${step.kind} step.`);
      await moveStep(store, runId, stepId, ["pending", "failed", "skipped"], { state: "done", actor, note: op.note ?? null, startedAt: now, finishedAt: now, attempts: { increment: 1 } });
      await touch(store, runId, { actor, kind: "done", stepId, message: `${step.title}: done by hand${op.note ? ` — ${op.note}` : ""}` });
      break;
    }
    case "skip": {
      await moveStep(store, runId, stepId, ["pending", "failed"], { state: "skipped", actor, note: op.reason, finishedAt: now });
      await touch(store, runId, { actor, kind: "skipped", stepId, message: `${step.title}: skipped — ${op.reason}` });
      break;
    }
    case "decide": {
      if (step.kind !== "decision") throw new AppError("CONFLICT", `Step "${stepId}" is not a decision.`);
      const choice = step.choices.find((c) => c.label === op.choice);
      if (!choice) throw validationError([{ path: "choice", message: `one of: ${step.choices.map((c) => c.label).join(" | ")}` }]);
      await moveStep(store, runId, stepId, ["pending", "failed", "done"], { state: "done", actor, note: op.note ?? null, output: { choice: choice.label }, finishedAt: now });
      for (const skip of choice.skip ?? []) {
        await store.prisma.runbookRunStep.updateMany({ where: { runId, stepId: skip, state: "pending" }, data: { state: "skipped", actor, note: `not needed: ${choice.label}`, finishedAt: now } });
      }
      await touch(store, runId, { actor, kind: "decision", stepId, message: `${step.title}: ${choice.label} → ${choice.next}` });
      break;
    }
    case "waive": {
      // Recorded on the step that opened the obligation: why the mitigation stays in place.
      const obligation = run.obligations.find((o) => o.openedByStep === stepId && o.state === "open");
      if (!obligation) throw new AppError("CONFLICT", `Step "${step.title}" has no open obligation to record a reason for.`);
      await touch(store, runId, { actor, kind: "obligation-waived", stepId, message: `Obligation stays: ${obligation.text} — ${op.reason}`, data: { obligation: obligation.id, reason: op.reason } });
      break;
    }
    case "note": {
      await store.prisma.runbookRunStep.update({ where: { runId_stepId: { runId, stepId } }, data: { note: op.note } });
      await touch(store, runId, { actor, kind: "note", stepId, message: `Note on ${step.title}: ${op.note}` });
      break;
    }
  }
  return getRun(store, runId);
}

/** Marks an action step as running before its action starts; a 409 if it is done or already running. */
export async function beginActionStep(store: Store, runId: string, stepId: string, actor: string) {
  await moveStep(store, runId, stepId, ["pending", "failed", "skipped"], { state: "running", actor, startedAt: new Date(), attempts: { increment: 1 } });
}

/** Puts an action step back as it was when the action did not run (refused input, preview only). */
export async function abandonActionStep(store: Store, runId: string, stepId: string, previous: StepState) {
  await store.prisma.runbookRunStep.updateMany({ where: { runId, stepId, state: "running" }, data: { state: previous } });
}

/** Records what an action step's action did. */
export async function finishActionStep(store: Store, runId: string, step: Step, actor: string, result: { ok: true; actionId: string; output: unknown } | { ok: false; error: string }) {
  const now = new Date();
  if (result.ok) {
    await moveStep(store, runId, step.id, ["running"], { state: "done", output: result.output as never, error: null, actionId: result.actionId, finishedAt: now });
    await touch(store, runId, { actor, kind: "action", stepId: step.id, message: `${step.title}: done (audit ${result.actionId})`, data: { actionId: result.actionId } });
  } else {
    await moveStep(store, runId, step.id, ["running"], { state: "failed", error: result.error, finishedAt: now });
    await touch(store, runId, { actor, kind: "step-failed", stepId: step.id, message: `${step.title} failed: ${result.error}` });
  }
}

export async function finishRun(store: Store, runId: string, status: "resolved" | "abandoned", note: string, actor: string): Promise<RunView> {
  const run = await getRun(store, runId);
  if (run.status === "resolved" || run.status === "abandoned") throw new AppError("CONFLICT", `The run is already ${run.status}.`);
  const { count } = await store.prisma.runbookRun.updateMany({ where: { id: runId, status: { in: ["in_progress", "escalated"] } }, data: { status, endedAt: new Date() } });
  if (!count) throw new AppError("CONFLICT", "The run changed meanwhile; reload to see it.");
  await touch(store, runId, { actor, kind: status, message: `${status === "resolved" ? "Resolved" : "Abandoned"}: ${note}` });
  return getRun(store, runId);
}

/** Steps left "running" by a console that stopped mid-step (the sweep is in lib/actions/system-sweeps.ts). */
export async function interruptedSteps(store: Store, olderThanMs: number, now = new Date()) {
  return store.prisma.runbookRunStep.findMany({ where: { state: "running", startedAt: { lt: new Date(now.getTime() - olderThanMs) } } });
}

/** Fails one step left running, unless it finished or was failed meanwhile. */
export async function failInterruptedStep(store: Store, options: { runId: string; stepId: string; at: Date }): Promise<{ failed: boolean }> {
  const { runId, stepId, at } = options;
  const { count } = await store.prisma.runbookRunStep.updateMany({
    where: { runId, stepId, state: "running" },
    data: { state: "failed", error: "The console stopped while this step ran; the audit log says what its action did. Retry when you have checked.", finishedAt: at },
  });
  if (count) await touch(store, runId, { actor: "system:run-sweeper", kind: "step-failed", stepId, message: `Step "${stepId}" was interrupted by a console restart` });
  return { failed: count > 0 };
}
