// Runbooks 3.1 and 3.2 lead into the deployment workflow: a run's deployment steps are read
// from the deployment it requested, never marked by hand, so the checklist cannot disagree
// with what the deployment did.
import type { DeploymentView } from "@/lib/deployments/requests";
import type { DeploymentPhase, StepState } from "./types";

export type FollowedStep = { state: StepState; lines: string[]; at: string | null; actor: string | null };

type Event = DeploymentView["events"][number];

/** The deployment's events each phase shows. */
function eventsOf(phase: DeploymentPhase, events: Event[]): Event[] {
  const scales = events.filter((e) => e.kind === "scale");
  switch (phase) {
    case "request":
      return [];
    case "checks":
      return events.filter((e) => e.kind === "checks").slice(-1);
    case "record":
      return events.filter((e) => e.kind === "record");
    case "images":
      return events.filter((e) => e.kind === "set-image");
    case "rollout":
      return events.filter((e) => e.kind === "rollout" && e.state !== "running");
    case "smoke":
      return events.filter((e) => e.kind === "smoke");
    case "outcome":
      return events.filter((e) => ["failure", "rollback", "outcome", "interrupted"].includes(e.kind) && e.state !== "running");
    case "scale-down":
      return scales.slice(0, 1);
    case "window":
      return events.filter((e) => e.kind === "window");
    case "scale-up":
      return scales.slice(1).filter((e) => /recorded before the hotfix/.test(e.message));
  }
}

const ENDED = new Set(["succeeded", "failed", "rolled_back", "interrupted", "cancelled"]);

/** A phase's state: done when its events all went well, failed when one did not, running while the deployment is at it. */
export function followedStep(phase: DeploymentPhase, d: Pick<DeploymentView, "status" | "approval" | "requestedBy" | "requestedAt" | "decisions" | "events" | "version" | "outcome"> | null): FollowedStep {
  if (!d) return { state: "pending", lines: [], at: null, actor: null };
  if (phase === "request") {
    const decision = d.decisions.at(-1);
    const lines = [`${d.version} requested by ${d.requestedBy}`, ...d.decisions.map((x) => `${x.decision === "approve" ? "approved" : "rejected"} by ${x.by}: ${x.comment}`)];
    const state: StepState = d.approval.state === "approved" || d.status !== "open" ? "done" : d.approval.state === "rejected" ? "failed" : "running";
    return { state, lines, at: decision?.at ?? d.requestedAt, actor: decision?.by ?? d.requestedBy };
  }
  const mine = eventsOf(phase, d.events);
  const last = mine.at(-1);
  const lines = mine.map((e) => `${e.service ? `${e.service}: ` : ""}${e.message}`);
  const base = { lines, at: last?.at ?? null, actor: last?.actor ?? null };
  if (phase === "outcome") {
    if (d.status === "succeeded") return { ...base, state: "done", lines: [d.outcome ?? "succeeded"] };
    if (ENDED.has(d.status)) return { ...base, state: "failed", lines: lines.length ? lines : [d.outcome ?? d.status] };
    return { ...base, state: d.status === "executing" ? "running" : "pending" };
  }
  if (!mine.length) return { ...base, state: ENDED.has(d.status) && d.status !== "succeeded" ? "skipped" : d.status === "executing" ? "running" : "pending" };
  if (mine.some((e) => e.state === "failed")) return { ...base, state: "failed" };
  if (mine.some((e) => e.state === "running") && !mine.some((e) => e.state === "ok" && e.kind === "window")) return { ...base, state: d.status === "executing" ? "running" : "failed" };
  return { ...base, state: "done" };
}
