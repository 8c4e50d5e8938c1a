// Runbooks as data: every runbook of seed/phoenix-runbooks.md is one `Runbook`, whose steps
// reference checks (lib/runbooks/checks) and actions (lib/actions) by id and fill their
// inputs from the run's parameters.
import type { Permission } from "@/lib/auth/policy";

export type Severity = "SEV1" | "SEV2" | "SEV3";

/** Where a step of a run stands. */
export type StepState = "pending" | "running" | "done" | "failed" | "skipped";

/** What a run asks for when it starts; steps refer to these by name. */
export type ParamDef = {
  name: string;
  label: string;
  /** Shown under the field. */
  help?: string;
  default?: string;
  /** Values outside this pattern are refused with the label named. */
  pattern?: string;
  options?: string[];
};

/**
 * A value in a step's input: a literal, a run parameter (`{ param }`), a string with
 * parameters in it (`{ template: "app={{deployment}}" }`), or a field the person running the
 * step fills in (`{ ask }`, prefilled with its default, which may itself be a parameter).
 */
export type InputValue =
  | string
  | number
  | boolean
  | { param: string }
  | { template: string }
  | { ask: { label: string; type: "number" | "text"; default?: string | number | { param: string }; help?: string } }
  | InputValue[]
  | { [field: string]: InputValue };

type StepBase = {
  /** Stable within the runbook ("verify", "pods", …); runs record state per id. */
  id: string;
  title: string;
  /** Why this step, in the runbook's words. */
  detail?: string;
  /** The seed's command for this step, shown as what the console does instead. */
  command?: string;
};

export type CheckStep = StepBase & { kind: "check"; check: CheckId; input: Record<string, InputValue> };
/** The seed's SQL, read-only, over the Phoenix database: a check whose output is a result set. */
export type QueryStep = StepBase & { kind: "query"; check: CheckId; input: Record<string, InputValue> };
export type ActionStep = StepBase & {
  kind: "action";
  action: Permission;
  input: Record<string, InputValue>;
  /** Optional steps (the seed's "if needed") can be skipped with a reason like any other; this says when they apply. */
  when?: string;
  /** A temporary mitigation: once done, the run shows this obligation until the step that `closes` it is done, or someone records why it stays. */
  opens?: { id: string; text: string };
  /** The obligation (by id) this step undoes. */
  closes?: string;
};
export type ManualStep = StepBase & {
  kind: "manual";
  /** What to do by hand and why the console cannot (no API, needs exec, a person's judgement). */
  instructions: string;
};
export type DecisionStep = StepBase & {
  kind: "decision";
  question: string;
  /** Each choice says what follows; `skip` lists the step ids the choice makes unnecessary. */
  choices: { label: string; next: string; skip?: string[] }[];
};
/** What a deployment step of runbooks 3.1/3.2 follows in the run's deployment (lib/deployments). */
export type DeploymentPhase = "request" | "checks" | "record" | "images" | "rollout" | "smoke" | "outcome" | "scale-down" | "window" | "scale-up";
/** A step the deployment workflow carries out: its state is read from the deployment the run leads into. */
export type DeploymentStep = StepBase & { kind: "deployment"; phase: DeploymentPhase };
export type Step = CheckStep | QueryStep | ActionStep | ManualStep | DecisionStep | DeploymentStep;

/** Steps that run a read operation: checks and queries. */
export const isReading = (s: Step): s is CheckStep | QueryStep => s.kind === "check" || s.kind === "query";
export type StepKind = Step["kind"];

export type Runbook = {
  /** The seed's number and a slug: "2.1-api-service-down". */
  id: string;
  number: string;
  section: { number: number; title: string };
  title: string;
  /** The seed's Purpose line, or a summary of its symptoms. */
  purpose: string;
  symptoms: string[];
  severity: Severity | null;
  prerequisites: string[];
  /** "Authorization Required: VP Engineering" and the like. */
  authorization?: string;
  /** The seed's escalation rule; runs count down to it and notify when it expires. */
  escalation?: { afterMinutes: number; rule: string };
  /** Prometheus alert names that lead to this runbook. */
  alerts: string[];
  /** The sandbox fault scenario a drill of this runbook switches on. */
  drillScenario?: string;
  parameters: ParamDef[];
  steps: Step[];
  /** The kind of deployment request the run leads into (3.1 standard, 3.2 hotfix). */
  deployment?: "standard" | "hotfix";
};

/** Read-only operations a check step can run (lib/runbooks/checks.ts implements each). */
export const CHECK_IDS = [
  "gateway.probe",
  "cluster.pods",
  "cluster.logs",
  "cluster.rollout-history",
  "cluster.workloads",
  "cluster.events",
  "cluster.error-scan",
  "cluster.nodes",
  "cluster.can-i",
  "cluster.quotas",
  "phoenix-db.select1",
  "phoenix-db.recent-failures",
  "phoenix-db.failure-patterns",
  "phoenix-db.connections",
  "phoenix-db.connections-by-app",
  "phoenix-db.connections-by-pod",
  "health.overview",
  "prometheus.collector-memory",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];
