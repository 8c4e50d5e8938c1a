import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { assertStorableText } from "@/lib/api/check-text";
import { AppError, validationError, zodIssues } from "@/lib/errors";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { redactUnvalidated } from "@/lib/audit/redact";
import { refusal } from "@/lib/auth/policy";
import { getStore, isConnectionError, type Store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { ActionDefinition, ActorRef, Preview, Risk, SystemRun } from "./define-action";
import { ACTIONS } from "./registry";

export const actionRequestSchema = z
  .object({
    input: z.unknown().optional(),
    confirm: z.boolean().optional(),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict();

export type ActionRequest = z.infer<typeof actionRequestSchema>;

export type ActionResponse =
  | { status: "preview"; action: string; preview: Preview; reasonRequired: true }
  | { status: "done"; action: string; actionId: string; result: unknown };

const STORE_REFUSAL = "The audit log could not be written, so the action was refused and nothing was run.";

/**
 * The one path by which anything changes: parse, authorise, (preview), write the audit
 * intent, run with a timeout, write the outcome. If the intent cannot be written the
 * action is refused before it touches anything.
 */
export async function runAction(options: {
  id: string;
  request: ActionRequest;
  actor: ActorRef;
  store?: Store;
  /** Where the action was taken from (a runbook run's step); recorded with its input in the audit log. */
  context?: Record<string, unknown>;
}): Promise<ActionResponse> {
  const { id, request, actor, context } = options;
  const def = ACTIONS.get(id);
  if (!def) throw new AppError("NOT_FOUND", `No action "${id}".`);
  assertStorableText({ input: request.input, reason: request.reason }); // whatever the caller, the audit log can hold it

  // Check access first (it depends only on the action); a refusal is audited too.
  const parsed = def.input.safeParse(request.input ?? {});
  // A refusal records the input as an allowed intent would (parsed); text no schema vouched for is not kept.
  await assertAllowed(def, actor, {
    input: parsed.success ? parsed.data : redactUnvalidated(request.input),
    reason: request.reason,
    target: parsed.success ? def.target(parsed.data) : null,
    store: options.store,
  });

  // Validate the input.
  if (!parsed.success) {
    throw validationError(zodIssues(parsed.error.issues).map((i) => ({ ...i, path: `input.${i.path}` })));
  }
  const input = parsed.data;
  const target = def.target(input);

  const store =
    options.store ??
    (await getStore().catch((err) => {
      const cause = err instanceof AppError && err.message !== STORE_REFUSAL ? ` ${err.message}` : "";
      throw new AppError("STORE_UNAVAILABLE", `${STORE_REFUSAL}${cause}`, { internal: err });
    }));

  // Destructive actions answer their preview until confirmed with a reason.
  if (def.risk === "destructive") {
    if (!request.confirm) {
      const preview = def.preview
        ? await def.preview(input, { actor, store, signal: AbortSignal.timeout(def.timeoutMs ?? env().ACTION_TIMEOUT_MS), runSystem: runSystemAction })
        : { summary: def.description, items: [{ label: target }] };
      return { status: "preview", action: def.id, preview, reasonRequired: true };
    }
    if (!request.reason || request.reason.length < 3) {
      throw validationError([{ path: "reason", message: "a destructive action needs a reason (at least 3 characters)" }]);
    }
  }

  // Write the intent before anything runs.
  const actionId = randomUUID();
  const base = { actionId, actor: actor.email, actorRole: actor.role, onBehalfOf: actor.onBehalfOf ?? null, action: def.id, target, reason: request.reason ?? null };
  try {
    await appendAuditEvent(store, { ...base, stage: "intent", input: context ? { ...(input as object), context } : input, outcome: "started" });
  } catch (err) {
    log.error({ err: String(err), action: def.id }, "audit intent not written; action refused");
    throw new AppError("STORE_UNAVAILABLE", STORE_REFUSAL, { internal: err });
  }

  // Run, then write the outcome.
  const ms = def.timeoutMs ?? env().ACTION_TIMEOUT_MS;
  const signal = AbortSignal.timeout(ms);
  const running = def.run(input, { actor, store, actionId, signal, runSystem: runSystemAction });
  try {
    const result = await Promise.race([running, deadline(signal)]);
    await appendOutcome(store, { ...base, stage: "outcome", outcome: "ok", result: summaryOf(def, result, input) });
    return { status: "done", action: def.id, actionId, result };
  } catch (err) {
    if (err === TIMED_OUT) {
      // It may still finish: say so now, and record what it did when it does.
      await appendOutcome(store, { ...base, stage: "outcome", outcome: "unknown", error: `No answer within ${ms} ms; the outcome is unknown until it finishes.` });
      running.then(
        (late) => appendOutcome(store, { ...base, stage: "outcome", outcome: "ok", error: "Finished after its timeout.", result: summaryOf(def, late, input) }),
        async (late) => {
          if (unansweredWrite(def.risk, late)) return; // still no answer: unknown, as recorded
          await appendOutcome(store, { ...base, stage: "outcome", outcome: "failed", error: `Failed after its timeout: ${safeMessage(late)}` });
        },
      );
      throw new AppError("DEPENDENCY_TIMEOUT", `${def.title} did not finish within ${ms} ms; its outcome is unknown (recorded as such in the audit log).`);
    }
    const unanswered = unansweredWrite(def.risk, err);
    if (unanswered) {
      // The dependency got the request and never answered: the change may be in place, so not "failed".
      const { dependency, operation, silence } = unanswered;
      await appendOutcome(store, { ...base, stage: "outcome", outcome: "unknown", error: `The ${dependency} ${silence}${operation ? ` (${operation})` : ""}; it may have applied the change.` });
      unanswered.late?.().then(
        () => appendOutcome(store, { ...base, stage: "outcome", outcome: "ok", error: `The ${dependency} answered after the timeout: ${operation ?? "the change"} was applied.` }),
        async (late) => {
          // Only an answer says it failed; an aborted or dropped request leaves it unknown.
          if (unansweredWrite(def.risk, late) || !(late instanceof AppError)) return;
          await appendOutcome(store, { ...base, stage: "outcome", outcome: "failed", error: `The ${dependency} refused it after the timeout: ${late.message}` });
        },
      );
      throw new AppError("DEPENDENCY_TIMEOUT", `${def.title}: the ${dependency} ${silence}; the change may have been applied. Its outcome is unknown until it answers (recorded as such in the audit log).`, { dependency });
    }
    if (!(err instanceof AppError)) log.error({ err, action: def.id, actionId }, "action failed");
    await appendOutcome(store, { ...base, stage: "outcome", outcome: "failed", error: safeMessage(err) });
    throw toAppError(err);
  }
}

/**
 * The console's own changes (a pipeline step, a sweep, an escalation, provisioning) through the
 * same runner, under a system actor: intent before, outcome after, refusals audited. Answers
 * the action's result; a destructive one is confirmed by the code that asks for it, with its reason.
 */
export async function runSystemAction<T>(options: SystemRun): Promise<T> {
  if (options.actor.via !== "system") throw new Error(`runSystemAction needs a system actor, not ${options.actor.email}`);
  const res = await runAction({ id: options.id, request: { input: options.input, confirm: true, reason: options.reason }, actor: options.actor, store: options.store, context: options.context });
  if (res.status !== "done") throw new Error(`${options.id}: expected a result, got a ${res.status}`);
  return res.result as T;
}

/**
 * Refuses (403) an identity the policy does not allow to run this action, and audits the
 * refusal. Route handlers call it before they parse a body, so a refusal never depends on
 * whether the body was valid.
 */
export async function assertActionAllowed(id: string, actor: ActorRef): Promise<void> {
  const def = ACTIONS.get(id);
  if (def) await assertAllowed(def, actor, {});
}

async function assertAllowed(def: ActionDefinition, actor: ActorRef, attempt: { input?: unknown; reason?: string; target?: string | null; store?: Store }) {
  const message = refusal(actor, def.id);
  if (!message) return;
  const store = attempt.store ?? (await getStore().catch(() => undefined));
  if (store) {
    await appendAuditEvent(store, {
      actionId: randomUUID(), stage: "outcome", actor: actor.email, actorRole: actor.role, onBehalfOf: actor.onBehalfOf ?? null,
      action: def.id, target: attempt.target ?? null, input: attempt.input, outcome: "denied", reason: attempt.reason, error: message,
    }).catch((err) => log.error({ err: String(err), action: def.id }, "could not audit a denied action"));
  }
  throw new AppError("FORBIDDEN", `${def.title}: ${message}`);
}

const TIMED_OUT = Symbol("timed out");

/** The action's own account of what it did; a summary that cannot be made never costs the outcome. */
function summaryOf(def: ActionDefinition, result: unknown, input: unknown): Record<string, unknown> | undefined {
  try {
    return def.summarise?.(result, input);
  } catch (err) {
    log.error({ err: String(err), action: def.id }, "outcome summary not made");
    return undefined;
  }
}

/**
 * For an action that changes something: the dependency's silence after receiving the request
 * (a timeout, a dropped connection), which leaves the outcome unknown. Refused before sending
 * (connection refused, a 4xx answer) is not silence: that is a failure.
 */
function unansweredWrite(risk: Risk, err: unknown) {
  if (risk === "read" || !(err instanceof AppError) || !err.details.unanswered) return null;
  const { afterMs, operation, late } = err.details.unanswered;
  const silence = afterMs === undefined ? "dropped the connection before answering" : `did not answer in ${Number((afterMs / 1000).toFixed(1))} s`;
  return { dependency: err.details.dependency ?? "dependency", operation, silence, late };
}

function deadline(signal: AbortSignal) {
  return new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(TIMED_OUT), { once: true }));
}

function safeMessage(err: unknown): string {
  if (err instanceof AppError) return err.message;
  return isConnectionError(err) ? "The console store became unreachable while the action ran." : "The action failed unexpectedly.";
}

/** Driver errors never leave as a 500 when they mean "the store is gone". */
function toAppError(err: unknown): unknown {
  if (err instanceof AppError || !isConnectionError(err)) return err;
  return new AppError("STORE_UNAVAILABLE", "The console store became unreachable while the action ran; check its outcome in the audit log.", { internal: err });
}

async function appendOutcome(store: Store, event: Parameters<typeof appendAuditEvent>[1]) {
  // The intent is already written; if this fails, the orphan sweep records "unknown".
  await appendAuditEvent(store, event).catch((err) =>
    log.error({ err: String(err), actionId: event.actionId }, "audit outcome not written"),
  );
}
