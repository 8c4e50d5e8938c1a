import type { Runbook } from "../types";
import { section } from "./common";

const SYSTEM = { namespace: "phoenix-system" };

export const highExperimentFailureRate: Runbook = {
  id: "2.2-high-experiment-failure-rate",
  number: "2.2",
  section: section(2),
  title: "High Experiment Failure Rate",
  purpose: "Many experiments are failing: find the common cause and keep new ones from failing while it is fixed.",
  symptoms: ["Alert: HighExperimentFailureRate", "Multiple experiments in FAILED state", "Customer complaints about failed experiments"],
  severity: "SEV2",
  prerequisites: [],
  alerts: ["HighExperimentFailureRate"],
  parameters: [],
  steps: [
    {
      id: "recent-failures",
      kind: "manual",
      title: "Check recent experiment failures",
      command: "SELECT id, name, state, error_message, updated_at\nFROM experiments\nWHERE state = 'failed' AND updated_at > NOW() - INTERVAL '1 hour'\nORDER BY updated_at DESC LIMIT 20;",
      instructions: "Run this query against the Phoenix database (psql \"$PHOENIX_DATABASE_URL\") and note the failing experiments.",
    },
    {
      id: "failure-patterns",
      kind: "manual",
      title: "Check for common failure patterns",
      command: "SELECT error_message, COUNT(*) AS failure_count\nFROM experiments\nWHERE state = 'failed' AND updated_at > NOW() - INTERVAL '1 hour'\nGROUP BY error_message ORDER BY failure_count DESC;",
      instructions: "Run this query against the Phoenix database and note the most common error.",
    },
    {
      id: "controller-logs",
      kind: "check",
      title: "Check controller logs",
      command: "kubectl logs -n phoenix-system deployment/experiment-controller --tail=200 | grep ERROR",
      check: "cluster.logs",
      input: { ...SYSTEM, selector: "app=experiment-controller", tail: 200, pattern: "ERROR" },
    },
    {
      id: "generator-logs",
      kind: "check",
      title: "Check if config generator is working",
      command: "kubectl logs -n phoenix-system deployment/config-generator --tail=100",
      check: "cluster.logs",
      input: { ...SYSTEM, selector: "app=config-generator", tail: 100 },
    },
    {
      id: "api-access",
      kind: "manual",
      title: "Verify Kubernetes API access",
      command: "kubectl auth can-i create phoenixprocesspipelines --as=system:serviceaccount:phoenix-system:pipeline-operator",
      instructions: "Run this with a kubeconfig allowed to impersonate, and check that it answers yes.",
    },
    {
      id: "quotas",
      kind: "manual",
      title: "Check for resource quotas",
      command: "kubectl describe resourcequota -n phoenix-experiments",
      instructions: "Check that no resource is at its hard limit.",
    },
    {
      id: "pause",
      kind: "action",
      title: "Temporary mitigation: pause new experiments",
      when: "Failures continue while you fix the cause.",
      command: "kubectl scale deployment/experiment-controller --replicas=0 -n phoenix-system",
      action: "cluster.scale",
      input: { ...SYSTEM, name: "experiment-controller", replicas: 0 },
    },
    {
      id: "resume",
      kind: "action",
      title: "Resume experiments once fixed",
      command: "kubectl scale deployment/experiment-controller --replicas=1 -n phoenix-system",
      action: "cluster.scale",
      input: { ...SYSTEM, name: "experiment-controller", replicas: 1 },
    },
  ],
};
