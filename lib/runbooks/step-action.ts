import "server-only";
// An action step of a run: the step's action, with its input filled from the run, through
// the one action path (preview, audit intent and outcome), and its result recorded on the step.
import type { ActorRef } from "@/lib/actions/define-action";
import { ACTIONS } from "@/lib/actions/registry";
import { type ActionResponse, runAction } from "@/lib/actions/run-action";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/auth/policy";
import type { Store } from "@/lib/db/store";
import { failureText } from "@/lib/ops/timeout";
import { stepInput } from "./catalogue";
import { abandonActionStep, beginActionStep, finishActionStep, getRun, loadStep, type RunView } from "./runs";

/** Errors that mean the action never ran: the step stays as it was. */
const NOTHING_RAN = new Set(["VALIDATION_FAILED", "FORBIDDEN", "BAD_REQUEST", "UNAUTHENTICATED", "STORE_UNAVAILABLE", "PAYLOAD_TOO_LARGE"]);

export async function runStepAction(options: {
  store: Store;
  runId: string;
  stepId: string;
  actor: ActorRef;
  request: { answers?: Record<string, unknown>; confirm?: boolean; reason?: string };
}): Promise<ActionResponse & { run: RunView }> {
  const { store, runId, stepId, actor, request } = options;
  const { run, step, state } = await loadStep(store, runId, stepId);
  if (step.kind !== "action") throw new AppError("CONFLICT", `Step "${stepId}" is a ${step.kind} step, not an action.`);
  const input = stepInput(step, run.parameters, request.answers);
  const context = { runbookRun: run.id, step: step.id, drill: run.drill };
  const call = (confirm?: boolean) => runAction({ id: step.action, request: { input, confirm, reason: request.reason }, actor, store, context });

  // Until confirmed, a step's action only says what it would do (destructive ones through their
  // own preview); the step stays as it is.
  if (!request.confirm) {
    const def = ACTIONS.get(step.action);
    if (def?.risk === "destructive") {
      const preview = await call(false);
      if (preview.status === "preview") return { ...preview, run };
    } else if (def) {
      const parsed = def.input.safeParse(input);
      const target = parsed.success ? def.target(parsed.data) : step.action;
      return { status: "preview", action: def.id, preview: { summary: `${def.title}: ${def.description}`, items: [{ label: target }] }, reasonRequired: true, run };
    }
  }
  if (state.state === "done") throw new AppError("CONFLICT", `Step "${step.title}" is already done.`);
  // Someone without the action's role is refused (and audited) by the action path before the step moves.
  if (!can(actor.role, step.action)) await call(request.confirm);
  await beginActionStep(store, runId, stepId, actor.email);
  try {
    const res = await call(request.confirm);
    if (res.status === "preview") {
      await abandonActionStep(store, runId, stepId, state.state);
      return { ...res, run: await getRun(store, runId) };
    }
    await finishActionStep(store, runId, step, actor.email, { ok: true, actionId: res.actionId, output: res.result });
    return { ...res, run: await getRun(store, runId) };
  } catch (err) {
    if (err instanceof AppError && NOTHING_RAN.has(err.code)) await abandonActionStep(store, runId, stepId, state.state);
    else await finishActionStep(store, runId, step, actor.email, { ok: false, error: failureText(err) });
    throw err;
  }
}
