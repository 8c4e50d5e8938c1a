import { defineRunbook, namespaceParam, section } from "./common";

export const quickHealthCheck = defineRunbook({
  id: "1.1-quick-health-check",
  number: "1.1",
  section: section(1),
  title: "Quick Health Check",
  purpose: "Verify all Phoenix services are operational.",
  parameters: [namespaceParam()],
  steps: [
    {
      id: "platform",
      kind: "check",
      title: "API gateway, services, PostgreSQL, Redis, Prometheus",
      detail: "The health panel's checks, run now: the gateway's /health status, each service's pods, pg_isready + SELECT 1, Redis PING, Prometheus /-/healthy.",
      command: "curl -s https://api.phoenix.io/health | jq -r '.status'\nkubectl get pod -n phoenix-system -l app=$service -o jsonpath='{.items[0].status.phase}'\nkubectl exec … pg_isready; kubectl exec … redis-cli ping\ncurl -s http://prometheus.phoenix.io/-/healthy",
      check: "health.overview",
      input: {},
    },
    {
      id: "workloads",
      kind: "check",
      title: "Workloads of the namespace",
      command: "kubectl get all -n phoenix-system",
      check: "cluster.workloads",
      input: { namespace: { param: "namespace" } },
    },
  ],
});
