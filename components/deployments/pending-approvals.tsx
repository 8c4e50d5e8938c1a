"use client";
import { useActor } from "@/components/shell/actor-context";
import { can } from "@/lib/auth/policy";
import { approvalRefusal } from "@/lib/deployments/approval";
import { useDeployments } from "@/lib/queries/use-deployments";

/** For those who approve: how many open requests wait for them (not their own, not yet decided by them). */
export function PendingApprovals() {
  const actor = useActor();
  const lead = can(actor.role, "deploy.approve");
  const list = useDeployments(lead);
  if (!lead) return null;
  const waiting = (list.data?.deployments ?? []).filter(
    (d) => d.status === "open" && d.approval.state === "pending" && !approvalRefusal(actor, d, d.required) && !d.decisions.some((x) => x.by === actor.email && x.revision === d.revision),
  ).length;
  if (!waiting) return null;
  return (
    <span data-testid="pending-approvals" aria-label={`${waiting} awaiting your approval`} className="ml-1.5 rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-slate-900">
      {waiting}
    </span>
  );
}
