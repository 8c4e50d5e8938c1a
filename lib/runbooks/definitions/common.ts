// Pieces the runbook definitions share: the sections of the seed and the usual parameters.
import type { ParamDef, Runbook } from "../types";

export const SECTIONS = {
  1: "Service Health Checks",
  2: "Incident Response",
  3: "Deployment Procedures",
  4: "Database Operations",
  5: "Monitoring and Alerting",
  6: "Performance Troubleshooting",
  7: "Security Operations",
  8: "Maintenance Procedures",
} as const;

export const section = (n: keyof typeof SECTIONS) => ({ number: n, title: SECTIONS[n] });

const K8S_NAME = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

export const namespaceParam = (fallback = "phoenix-system"): ParamDef => ({ name: "namespace", label: "Namespace", default: fallback, pattern: K8S_NAME });
export const deploymentParam = (fallback: string, label = "Deployment"): ParamDef => ({ name: "deployment", label, default: fallback, pattern: K8S_NAME });
export const nodeParam = (): ParamDef => ({ name: "node", label: "Node", help: "The node to cordon and drain, if one is affected.", default: "phoenix-node-3", pattern: K8S_NAME });

/** A step the console cannot do for you: the seed's command, and what to do with it. */
export const manual = (id: string, title: string, command: string, instructions: string) => ({ id, kind: "manual" as const, title, command, instructions });

type Required = "id" | "number" | "section" | "title" | "purpose" | "steps";

/** A runbook with the seed's usual blanks filled in: no symptoms, severity, prerequisites, alerts or parameters unless given. */
export const defineRunbook = (r: Pick<Runbook, Required> & Partial<Omit<Runbook, Required>>): Runbook => ({
  symptoms: [],
  severity: null,
  prerequisites: [],
  alerts: [],
  parameters: [],
  ...r,
});
