// Every runbook of the seed, in order, and what a run needs from them: the version hash of a
// definition, parameter validation, and step inputs filled from a run's parameters.
import { createHash } from "node:crypto";
import type { Issue } from "@/lib/errors";
import { quickHealthCheck } from "./definitions/1.1-quick-health-check";
import { detailedServiceDiagnostics } from "./definitions/1.2-detailed-service-diagnostics";
import { apiServiceDown } from "./definitions/2.1-api-service-down";
import { highExperimentFailureRate } from "./definitions/2.2-high-experiment-failure-rate";
import { databaseConnectionPoolExhausted } from "./definitions/2.3-database-connection-pool-exhausted";
import { otelCollectorHighMemory } from "./definitions/2.4-otel-collector-high-memory";
import { standardDeployment } from "./definitions/3.1-standard-deployment";
import { emergencyHotfix } from "./definitions/3.2-emergency-hotfix";
import { databaseBackup } from "./definitions/4.1-database-backup";
import { databaseMigration } from "./definitions/4.2-database-migration";
import { addNewAlert } from "./definitions/5.1-add-new-alert";
import { dashboardCreation } from "./definitions/5.2-dashboard-creation";
import { apiSlowResponse } from "./definitions/6.1-api-slow-response";
import { highCpuUsage } from "./definitions/6.2-high-cpu-usage";
import { rotateSecrets } from "./definitions/7.1-rotate-secrets";
import { securityAudit } from "./definitions/7.2-security-audit";
import { clusterMaintenance } from "./definitions/8.1-cluster-maintenance";
import { certificateRenewal } from "./definitions/8.2-certificate-renewal";
import { type InputValue, isReading, type Runbook, type Step } from "./types";

export const RUNBOOKS: Runbook[] = [
  quickHealthCheck,
  detailedServiceDiagnostics,
  apiServiceDown,
  highExperimentFailureRate,
  databaseConnectionPoolExhausted,
  otelCollectorHighMemory,
  standardDeployment,
  emergencyHotfix,
  databaseBackup,
  databaseMigration,
  addNewAlert,
  dashboardCreation,
  apiSlowResponse,
  highCpuUsage,
  rotateSecrets,
  securityAudit,
  clusterMaintenance,
  certificateRenewal,
];

export function findRunbook(id: string): Runbook | undefined {
  return RUNBOOKS.find((r) => r.id === id);
}

/** The content hash of a definition: a run records which version of its runbook it followed. */
export function runbookVersion(runbook: Runbook): string {
  return createHash("sha256").update(JSON.stringify(runbook)).digest("hex").slice(0, 12);
}

/** The run's parameters: defaults filled in, unknown names and bad values named. */
export function resolveParameters(runbook: Runbook, given: Record<string, string>): { values: Record<string, string>; issues: Issue[] } {
  const issues: Issue[] = [];
  for (const name of Object.keys(given)) {
    if (!runbook.parameters.some((p) => p.name === name)) issues.push({ path: `parameters.${name}`, message: "unknown parameter" });
  }
  const values: Record<string, string> = {};
  for (const p of runbook.parameters) {
    const v = (given[p.name] ?? p.default ?? "").trim();
    if (!v) issues.push({ path: `parameters.${p.name}`, message: `${p.label} is required` });
    else if (p.pattern && !new RegExp(p.pattern).test(v)) issues.push({ path: `parameters.${p.name}`, message: `${p.label}: "${v}" is not valid` });
    else if (p.options && !p.options.includes(v)) issues.push({ path: `parameters.${p.name}`, message: `${p.label} must be one of ${p.options.join(", ")}` });
    else values[p.name] = v;
  }
  return { values, issues };
}

type Ask = Extract<InputValue, { ask: unknown }>["ask"];
const isAsk = (v: unknown): v is { ask: Ask } => !!v && typeof v === "object" && "ask" in v;
const isParam = (v: unknown): v is { param: string } => !!v && typeof v === "object" && "param" in v;
const isTemplate = (v: unknown): v is { template: string } => !!v && typeof v === "object" && "template" in v;

/** Every asked field of an input, nested ones by their path ("edits.0.value"). */
function asks(value: unknown, path: string[] = []): { path: string; ask: Ask }[] {
  if (isAsk(value)) return [{ path: path.join("."), ask: value.ask }];
  if (Array.isArray(value)) return value.flatMap((v, i) => asks(v, [...path, String(i)]));
  if (value && typeof value === "object" && !isParam(value) && !isTemplate(value)) return Object.entries(value).flatMap(([k, v]) => asks(v, [...path, k]));
  return [];
}

/** The fields of a step the person running it fills in, with their defaults resolved. */
export function askedFields(step: Step, params: Record<string, string>) {
  if (!isReading(step) && step.kind !== "action") return [];
  return asks(step.input).map(({ path, ask }) => ({ field: path, label: ask.label, type: ask.type, help: ask.help, default: ask.default === undefined ? undefined : resolve(ask.default, params, {}, "") }));
}

/** Literals as they are; parameters and templates from the run; asked fields from the answers (numbers coerced); arrays and objects throughout. */
function resolve(v: unknown, params: Record<string, string>, answers: Record<string, unknown>, path: string): unknown {
  if (isParam(v)) return params[v.param];
  if (isTemplate(v)) return v.template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? "");
  if (isAsk(v)) {
    const given = answers[path] ?? (v.ask.default === undefined ? undefined : resolve(v.ask.default, params, {}, ""));
    return v.ask.type === "number" && given !== undefined && given !== "" ? Number(given) : given;
  }
  if (Array.isArray(v)) return v.map((x, i) => resolve(x, params, answers, path ? `${path}.${i}` : String(i)));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x, params, answers, path ? `${path}.${k}` : k)]));
  return v;
}

/** A step's input: literals, parameters and templates resolved; asked fields from `answers`. */
export function stepInput(step: Step, params: Record<string, string>, answers: Record<string, unknown> = {}): Record<string, unknown> {
  if (!isReading(step) && step.kind !== "action") return {};
  return resolve(step.input, params, answers, "") as Record<string, unknown>;
}

/** Parameter names a definition refers to, for the definition tests. */
export function referencedParameters(runbook: Runbook): string[] {
  const names = new Set<string>();
  const visit = (v: unknown) => {
    if (v && typeof v === "object") {
      if ("param" in v) names.add((v as { param: string }).param);
      if ("template" in v) for (const m of (v as { template: string }).template.matchAll(/\{\{(\w+)\}\}/g)) names.add(m[1]!);
      Object.values(v).forEach(visit);
    }
  };
  runbook.steps.forEach((s) => visit("input" in s ? s.input : undefined));
  return [...names];
}
