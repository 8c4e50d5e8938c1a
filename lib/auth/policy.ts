// The one permission table. The server checks it before anything runs; the UI reads it to
// disable a button and say which role it needs.
import { type Role, roleAtLeast } from "./roles";

export const POLICY = {
  // Reads
  "health.read": "viewer",
  "audit.read": "viewer",
  "audit.export": "viewer",
  "users.read": "admin",
  "tokens.read": "admin",
  "cluster.read": "viewer",
  "runbooks.read": "viewer",
  "deployments.read": "viewer",
  // Actions (lib/actions), by id
  "health.acknowledge": "sre",
  "users.create": "admin",
  "users.set-role": "admin",
  "users.disable": "admin",
  "users.enable": "admin",
  "cluster.rollout-restart": "sre",
  "cluster.scale": "sre",
  "cluster.rollout-undo": "sre",
  "cluster.set-image": "sre",
  "cluster.cordon": "sre",
  "cluster.drain": "sre",
  "cluster.edit-config": "sre",
  "phoenix-db.terminate-backends": "sre",
  "deploy.request": "sre",
  "deploy.update": "sre",
  "deploy.approve": "lead",
  "deploy.reject": "lead",
  "deploy.execute": "sre",
  "tokens.issue": "admin",
  "tokens.revoke": "admin",
  "runbook.start": "sre",
  "runbook.step": "sre",
  "runbook.finish": "sre",
  // Internal actions: the console's own changes (see INTERNAL_ACTIONS below).
  "deploy.record": "sre",
  "deploy.set-image": "sre",
  "deploy.scale": "sre",
  "deploy.rollback": "sre",
  "deploy.interrupt": "sre",
  "runbook.escalate": "sre",
  "runbook.fail-interrupted-step": "sre",
  "users.provision": "admin",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof POLICY;

/**
 * Actions only the console itself runs, under a system actor (`via: "system"`): the deployment
 * pipeline's steps, the sweeps, the escalation timer, single sign-on provisioning. A person is
 * refused them whatever their role; they do these things through the action that starts them
 * (deploy.execute, runbook.start, signing in).
 *
 * A system actor is still checked against the row above, with the role of the person whose
 * authority it carries on: the pipeline carries the executor's role (so its steps need what
 * deploy.execute needs); the deployment sweeper and the run sweeper finish what an executor or
 * a run's starter began, who needed at least sre to begin it; the escalation timer pages for
 * the run's starter (sre to start a run); OIDC provisioning acts on the operator's
 * configuration (OIDC_ISSUER, OIDC_DEFAULT_ROLE), which is an admin's decision.
 */
export const INTERNAL_ACTIONS: ReadonlySet<Permission> = new Set<Permission>([
  "deploy.record",
  "deploy.set-image",
  "deploy.scale",
  "deploy.rollback",
  "deploy.interrupt",
  "runbook.escalate",
  "runbook.fail-interrupted-step",
  "users.provision",
]);

/** The permissions that only read; every other entry is an action of lib/actions. */
export const READ_PERMISSIONS = ["health.read", "audit.read", "audit.export", "users.read", "tokens.read", "cluster.read", "runbooks.read", "deployments.read"] as const satisfies readonly Permission[];

export function requiredRole(permission: Permission): Role {
  return POLICY[permission];
}

export function can(role: Role, permission: Permission): boolean {
  return roleAtLeast(role, POLICY[permission]);
}

/** Decisions only a person may take: a service identity's API token never approves or rejects. */
export const PERSON_ONLY: ReadonlySet<Permission> = new Set<Permission>(["deploy.approve", "deploy.reject"]);

/** Why this identity may not do something (an internal action asked by anyone but the console, its role, or a person-only decision asked by a token); null if it may. */
export function refusal(actor: { role: Role; via: string; email?: string }, permission: Permission): string | null {
  if (INTERNAL_ACTIONS.has(permission) && actor.via !== "system") {
    return "Only the console itself does this, as a step of what a person starts (a deployment, a run, a sign-in); it cannot be requested directly.";
  }
  const byRole = denialReason(actor.role, permission);
  if (byRole) return byRole;
  if (actor.via === "token" && PERSON_ONLY.has(permission)) {
    return `This is a person's decision; ${actor.email ?? "a service identity"} uses an API token.`;
  }
  return null;
}

/** Why a role may not do something, in words a button's tooltip can show; null if it may. */
export function denialReason(role: Role, permission: Permission): string | null {
  return can(role, permission) ? null : `Needs the ${POLICY[permission]} role (you are ${role}).`;
}
