import { defineRunbook, manual, section } from "./common";

export const apiSlowResponse = defineRunbook({
  id: "6.1-api-slow-response",
  number: "6.1",
  section: section(6),
  title: "API Slow Response",
  purpose: "Find where the API's latency comes from.",
  symptoms: ["P99 latency > 500ms"],
  steps: [
    { id: "latency", kind: "check", title: "Check current latency", command: 'curl -w "@curl-format.txt" -o /dev/null -s https://api.phoenix.io/health', check: "gateway.probe", input: {} },
    manual("slow-queries", "Get slow query log", 'psql -c "SELECT query, mean_time, calls FROM pg_stat_statements WHERE mean_time > 100 ORDER BY mean_time DESC LIMIT 10;"', "Run this against the Phoenix database (needs pg_stat_statements)."),
    { id: "resources", kind: "check", title: "Check API resource usage", command: "kubectl top pod -n phoenix-system -l app=phoenix-api", check: "cluster.pods", input: { namespace: "phoenix-system", selector: "app=phoenix-api" } },
    manual("profile", "Profile the service", "kubectl port-forward -n phoenix-system deployment/phoenix-api 6060:6060 &\ngo tool pprof -http=:8080 http://localhost:6060/debug/pprof/profile?seconds=30", "Needs port-forward and pprof on your machine; the console does not proxy it."),
    manual("cache", "Check cache hit rates", "curl http://phoenix-api:8080/metrics | grep cache_hit", "Look at the cache hit series in Prometheus."),
    manual("traces", "Analyze traces", 'curl "http://jaeger.phoenix.io/api/traces?service=phoenix-api&minDuration=500ms&limit=20"', "Look for slow traces in Jaeger."),
  ],
});
