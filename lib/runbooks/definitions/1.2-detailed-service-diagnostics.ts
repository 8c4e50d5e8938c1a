import { defineRunbook, namespaceParam, section } from "./common";

export const detailedServiceDiagnostics = defineRunbook({
  id: "1.2-detailed-service-diagnostics",
  number: "1.2",
  section: section(1),
  title: "Detailed Service Diagnostics",
  purpose: "Everything running in the namespace, its recent events, and any errors in its pods' logs.",
  parameters: [namespaceParam()],
  steps: [
    { id: "status", kind: "check", title: "Detailed service status", command: "kubectl get all -n phoenix-system", check: "cluster.workloads", input: { namespace: { param: "namespace" } } },
    {
      id: "events",
      kind: "check",
      title: "Recent events",
      command: "kubectl get events -n phoenix-system --sort-by='.lastTimestamp' | tail -20",
      check: "cluster.events",
      input: { namespace: { param: "namespace" }, limit: 20 },
    },
    {
      id: "errors",
      kind: "check",
      title: "Pod logs checked for errors",
      command: 'for pod in $(kubectl get pods -n phoenix-system -o name); do\n  kubectl logs $pod -n phoenix-system --tail=50 | grep -E "ERROR|FATAL|PANIC"\ndone',
      check: "cluster.error-scan",
      input: { namespace: { param: "namespace" }, tail: 50 },
    },
  ],
});
