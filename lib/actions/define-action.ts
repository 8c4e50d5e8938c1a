import type { z } from "zod";
import { POLICY, type Permission } from "@/lib/auth/policy";
import type { Role } from "@/lib/auth/roles";
import type { Store } from "@/lib/db/store";

export type Risk = "read" | "write" | "destructive";

/** Who asked: a signed-in person ("web"), a service identity with an API token ("token"), or the CLI on the host. */
export type ActorRef = { id?: string; email: string; role: Role; via: "web" | "token" | "cli" };

export type ActionContext = { actor: ActorRef; store: Store; actionId: string; signal: AbortSignal };

/** What a destructive action would touch, shown in the confirmation before it runs. */
export type Preview = { summary: string; items: { label: string; detail?: string }[]; warnings?: string[]; /** A unified diff of a file the action edits. */ diff?: string };

export type ActionDefinition<I extends z.ZodType = z.ZodType, O = unknown> = {
  id: Permission;
  title: string;
  description: string;
  input: I;
  risk: Risk;
  /** Minimum role; always the policy table's entry for this id. */
  role: Role;
  timeoutMs?: number;
  target(input: z.output<I>): string;
  preview?(input: z.output<I>, ctx: Omit<ActionContext, "actionId">): Promise<Preview>;
  run(input: z.output<I>, ctx: ActionContext): Promise<O>;
  /**
   * What the action did, for its outcome event: a small plain object (the pids terminated,
   * replicas before and after). It is redacted too, but never put secrets in it.
   */
  summarise?(result: O, input: z.output<I>): Record<string, unknown>;
};

/** Declares an action once; its required role comes from the one policy table. */
export function defineAction<I extends z.ZodType, O>(def: Omit<ActionDefinition<I, O>, "role">): ActionDefinition<I, O> {
  return { ...def, role: POLICY[def.id] };
}
