// Running audited actions in tests as the routes do, and catching their refusals.
import type { ActorRef } from "@/lib/actions/define-action";
import { runAction } from "@/lib/actions/run-action";
import { AppError } from "@/lib/errors";
import type { Store } from "@/lib/db/store";

/** People of each role, as tests name them. */
export const PEOPLE = {
  sre: { email: "sre@phoenix.local", role: "sre", via: "web" },
  sre2: { email: "sre2@phoenix.local", role: "sre", via: "web" },
  lead: { email: "lead@phoenix.local", role: "lead", via: "web" },
  admin: { email: "admin@phoenix.local", role: "admin", via: "web" },
} satisfies Record<string, ActorRef>;

/** An action runner on the store `store()` answers (read when called, so it may be set in beforeAll). */
export function actOn(store: () => Store) {
  return async <T>(id: string, actor: ActorRef, input: unknown): Promise<T> => {
    const res = await runAction({ id, request: { input }, actor, store: store() });
    if (res.status !== "done") throw new Error(`${id}: expected a result, got a ${res.status}`);
    return res.result as T;
  };
}

/** The AppError a call was refused with (fails the test if it succeeded or threw something else). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}
