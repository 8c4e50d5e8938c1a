import type { Runbook } from "../types";
import { section } from "./common";

export const databaseConnectionPoolExhausted: Runbook = {
  id: "2.3-database-connection-pool-exhausted",
  number: "2.3",
  section: section(2),
  title: "Database Connection Pool Exhausted",
  purpose: "The Phoenix database has run out of connections: see who holds them, free them, and find the leak.",
  symptoms: ["Alert: DatabaseConnectionPoolExhausted", "Slow API responses", "Connection timeout errors"],
  severity: "SEV1",
  prerequisites: [],
  alerts: ["DatabaseConnectionPoolExhausted"],
  parameters: [],
  steps: [
    {
      id: "connections",
      kind: "manual",
      title: "Check current connections",
      command: "SELECT datname, usename, application_name, client_addr, state, query_start, state_change\nFROM pg_stat_activity WHERE datname = 'phoenix' ORDER BY query_start;",
      instructions: "Run this against the Phoenix database and note who holds connections.",
    },
    {
      id: "by-application",
      kind: "manual",
      title: "Count connections by application",
      command: "SELECT application_name, COUNT(*) AS connection_count\nFROM pg_stat_activity WHERE datname = 'phoenix'\nGROUP BY application_name ORDER BY connection_count DESC;",
      instructions: "Run this against the Phoenix database.",
    },
    {
      id: "kill-idle",
      kind: "manual",
      title: "Kill idle connections older than 5 minutes",
      command: "SELECT pg_terminate_backend(pid) FROM pg_stat_activity\nWHERE datname = 'phoenix' AND state = 'idle' AND state_change < NOW() - INTERVAL '5 minutes';",
      instructions: "List the matching backends first (same WHERE, without pg_terminate_backend) and check none is yours; then terminate them.",
    },
    {
      id: "kill-long",
      kind: "manual",
      title: "Kill long-running queries (>10 minutes)",
      command: "SELECT pg_terminate_backend(pid) FROM pg_stat_activity\nWHERE datname = 'phoenix' AND state != 'idle' AND query_start < NOW() - INTERVAL '10 minutes';",
      instructions: "List the matching backends first and check what they run; then terminate them.",
    },
    {
      id: "restart-pgbouncer",
      kind: "action",
      title: "Restart connection pooler",
      command: "kubectl rollout restart deployment/pgbouncer -n phoenix-system",
      action: "cluster.rollout-restart",
      input: { namespace: "phoenix-system", kind: "Deployment", name: "pgbouncer" },
    },
    {
      id: "pool-size",
      kind: "manual",
      title: "Scale up database connections temporarily",
      command: "kubectl edit configmap pgbouncer-config -n phoenix-system\n# Increase max_client_conn and default_pool_size",
      instructions: "Raise max_client_conn and default_pool_size in pgbouncer.ini, then restart pgbouncer again.",
    },
    {
      id: "leaks",
      kind: "manual",
      title: "Identify connection leaks",
      command: 'for pod in $(kubectl get pods -n phoenix-system -o name); do\n  kubectl exec $pod -n phoenix-system -- netstat -an | grep 5432 | wc -l\ndone',
      instructions: "Compare connections per pod (client_addr in pg_stat_activity against the pods' IPs on the Cluster page).",
    },
  ],
};
