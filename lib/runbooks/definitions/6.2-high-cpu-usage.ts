import { defineRunbook, manual, section } from "./common";

export const highCpuUsage = defineRunbook({
  id: "6.2-high-cpu-usage",
  number: "6.2",
  section: section(6),
  title: "High CPU Usage",
  purpose: "Find what burns CPU.",
  steps: [
    { id: "top", kind: "check", title: "Identify high CPU pods", command: "kubectl top pods -n phoenix-system --sort-by=cpu", check: "cluster.pods", input: { namespace: "phoenix-system", selector: "app.kubernetes.io/part-of=phoenix" } },
    manual("profile", "Get CPU profile", "kubectl exec -n phoenix-system $POD -- kill -USR1 1\nkubectl cp phoenix-system/$POD:/tmp/cpu.prof ./cpu.prof\ngo tool pprof -http=:8080 cpu.prof", "Needs exec and cp into the pod; run it from a terminal."),
    manual("goroutines", "Check goroutine count", "curl http://localhost:6060/debug/pprof/goroutine?debug=1 | head -20", "Through a port-forward to the pod."),
    manual("cpu-over-time", "Analyze CPU metrics over time", 'rate(container_cpu_usage_seconds_total{pod=~"phoenix-api-.*"}[5m])', "Graph this query in Prometheus."),
  ],
});
