// Four eyes for deployments (runbook 3.1), as pure rules: who may approve, which approvals
// still count (not expired, given for the request as it is now), and whether the
// environment's policy is met — every required role filled by a different person.
import { ROLES, type Role, roleAtLeast } from "@/lib/auth/roles";

/** What the rules need of a deployment request (the full view lives in requests.ts, which uses these rules). */
type RequestFacts = { status: string; kind: "standard" | "hotfix"; requestedBy: string };

const rank = (r: Role) => ROLES.indexOf(r);

export type Decision = { by: string; role: Role; decision: "approve" | "reject"; comment: string; revision: number; at: Date };

export type ApprovalInput = {
  requestedBy: string;
  /** Bumped by every change to the request; an approval counts only for the revision it saw. */
  revision: number;
  decisions: Decision[];
  /** The environment's policy: one entry per approval it needs (["lead"], ["lead", "admin"]). */
  required: Role[];
  ttlMs: number;
  now: Date;
};

export type ApprovalStatus = {
  state: "approved" | "pending" | "rejected";
  /** Which required roles are filled, and by whom. */
  filled: { role: Role; by: string }[];
  missing: Role[];
  /** Approvals that no longer count, and why. */
  discarded: { by: string; reason: "expired" | "changed since" }[];
  rejectedBy: { by: string; comment: string } | null;
  /** When the earliest counting approval runs out (the request needs approving again after). */
  expiresAt: Date | null;
};

/** Why this person may not decide on this request, or null if they may. */
export function approvalRefusal(actor: { email: string; role: Role }, request: { requestedBy: string }, required: Role[]): string | null {
  if (actor.email === request.requestedBy) return "You requested this deployment; someone else must approve it (four eyes).";
  const lowest = [...required].sort((a, b) => rank(a) - rank(b))[0] ?? "lead";
  if (!roleAtLeast(actor.role, lowest)) return `Needs the ${lowest} role to approve (you are ${actor.role}).`;
  return null;
}

export function approvalStatus(input: ApprovalInput): ApprovalStatus {
  const discarded: ApprovalStatus["discarded"] = [];
  // A person's latest decision is the one that counts.
  const latest = new Map<string, Decision>();
  for (const d of [...input.decisions].sort((a, b) => a.at.getTime() - b.at.getTime())) latest.set(d.by, d);
  const current = [...latest.values()].filter((d) => {
    if (d.by === input.requestedBy) return false;
    if (d.revision !== input.revision) {
      if (d.decision === "approve") discarded.push({ by: d.by, reason: "changed since" });
      return false;
    }
    if (d.decision === "approve" && input.now.getTime() - d.at.getTime() > input.ttlMs) {
      discarded.push({ by: d.by, reason: "expired" });
      return false;
    }
    return true;
  });

  const rejection = current.find((d) => d.decision === "reject");
  // Fill the most demanding roles first, each by a different person who holds at least that role.
  const approvals = current.filter((d) => d.decision === "approve");
  const used = new Set<string>();
  const filled: ApprovalStatus["filled"] = [];
  const missing: Role[] = [];
  for (const role of [...input.required].sort((a, b) => rank(b) - rank(a))) {
    const who = approvals
      .filter((d) => !used.has(d.by) && roleAtLeast(d.role, role))
      .sort((a, b) => rank(a.role) - rank(b.role))[0]; // the least senior who qualifies
    if (who) {
      used.add(who.by);
      filled.push({ role, by: who.by });
    } else missing.push(role);
  }
  const counting = approvals.filter((d) => used.has(d.by));
  const expiresAt = counting.length ? new Date(Math.min(...counting.map((d) => d.at.getTime() + input.ttlMs))) : null;
  return {
    state: rejection ? "rejected" : missing.length ? "pending" : "approved",
    filled,
    missing,
    discarded,
    rejectedBy: rejection ? { by: rejection.by, comment: rejection.comment } : null,
    expiresAt,
  };
}

/** Who authorised a hotfix: the admin (never its requester) whose current approval fills its one required role. */
export function hotfixAuthoriser(d: Pick<RequestFacts, "kind"> & { approval: Pick<ApprovalStatus, "filled"> }): string | null {
  if (d.kind !== "hotfix") return null;
  return d.approval.filled.find((f) => f.role === "admin")?.by ?? null;
}

/** Why this person may not execute this request now, or null. */
export function executionRefusal(
  d: RequestFacts & { approval: Pick<ApprovalStatus, "state" | "missing" | "discarded" | "rejectedBy" | "filled"> },
  actor: { email: string },
): string | null {
  if (d.status !== "open" && d.status !== "interrupted") return `The deployment is ${d.status.replace("_", " ")}; it cannot be executed again.`;
  // Whoever asks, a session or a token, and whatever the kind: four eyes before anything runs.
  if (d.approval.state !== "approved") {
    if (d.approval.state === "rejected") return `Rejected by ${d.approval.rejectedBy?.by}: ${d.approval.rejectedBy?.comment}`;
    const lapsed = d.approval.discarded.length ? ` (${d.approval.discarded.map((x) => `${x.by}'s approval ${x.reason === "expired" ? "expired" : "predates a change"}`).join("; ")})` : "";
    if (d.kind === "hotfix") return `Needs an admin's authorisation first (an admin who is not the requester)${lapsed}.`;
    return `Needs approval by ${d.approval.missing.join(" and ")} first${lapsed}.`;
  }
  const approvers = d.approval.filled.map((f) => f.by);
  if (actor.email !== d.requestedBy && !approvers.includes(actor.email)) return "Only the requester or an approver can execute this deployment.";
  return null;
}
