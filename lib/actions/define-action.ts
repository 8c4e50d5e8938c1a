import type { z } from "zod";
import { INTERNAL_ACTIONS, POLICY, type Permission } from "@/lib/auth/policy";
import type { Role } from "@/lib/auth/roles";
import type { Store } from "@/lib/db/store";

export type Risk = "read" | "write" | "destructive";

/**
 * Who asked: a signed-in person ("web"), a service identity with an API token ("token"), the
 * CLI on the host, or the console itself ("system": a pipeline, sweep, timer or provisioning,
 * named `system:<what>`, acting on behalf of the person who started what it carries on).
 */
export type ActorRef = { id?: string; email: string; role: Role; via: "web" | "token" | "cli" | "system"; onBehalfOf?: string | null };

export type SystemActorName = "system:deploy-pipeline" | "system:deploy-sweeper" | "system:escalation" | "system:run-sweeper" | "system:oidc";

/**
 * The console acting on its own. Its role is checked against the policy table like anyone's:
 * the role of the person whose authority it carries on (see INTERNAL_ACTIONS in lib/auth/policy.ts).
 */
export function systemActor(name: SystemActorName, options: { onBehalfOf: string | null; role: Role }): ActorRef {
  return { email: name, role: options.role, via: "system", onBehalfOf: options.onBehalfOf };
}

/** One change the console makes itself, run through the runner under a system actor. */
export type SystemRun = { id: Permission; input: unknown; actor: ActorRef; store: Store; reason?: string; context?: Record<string, unknown> };
export type RunSystem = <T>(run: SystemRun) => Promise<T>;

/**
 * What an action runs with. `runSystem` is the runner itself, handed down so a workflow an action
 * starts (a deployment's pipeline) runs its own steps as actions without importing the runner.
 */
export type ActionContext = { actor: ActorRef; store: Store; actionId: string; signal: AbortSignal; runSystem: RunSystem };

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
  /** Run only by the console itself under a system actor; refused to any person (from the policy table). */
  internal: boolean;
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
export function defineAction<I extends z.ZodType, O>(def: Omit<ActionDefinition<I, O>, "role" | "internal">): ActionDefinition<I, O> {
  return { ...def, role: POLICY[def.id], internal: INTERNAL_ACTIONS.has(def.id) };
}
