// Shared by the server and the health panel.
export const HEALTH_CHECKS = [
  { id: "gateway", name: "API gateway", envVar: "API_GATEWAY_URL", probe: "GET $API_GATEWAY_URL/health → .status" },
  { id: "postgres", name: "PostgreSQL", envVar: "PHOENIX_DATABASE_URL", probe: "connect (pg_isready) + SELECT 1" },
  { id: "redis", name: "Redis", envVar: "PHOENIX_REDIS_URL", probe: "PING" },
  { id: "prometheus", name: "Prometheus", envVar: "PROMETHEUS_URL", probe: "GET $PROMETHEUS_URL/-/healthy" },
] as const;

export type HealthCheckId = (typeof HEALTH_CHECKS)[number]["id"];
/** Dependency rows by their id; service rows (pods of each mapped service) as `service:<name>`. */
export type HealthRowId = HealthCheckId | `service:${string}`;
export type HealthStatus = "ok" | "down" | "not_configured";

export type HealthRow = {
  check: HealthRowId;
  name: string;
  status: HealthStatus;
  /** Where it points, with any password masked. */
  target: string | null;
  envVar: string;
  probe: string;
  latencyMs: number | null;
  detail: string | null;
  error: string | null;
  timedOut: boolean;
  checkedAt: string;
};

export type HealthReport = { status: "ok" | "degraded"; checkedAt: string; timeoutMs: number; checks: HealthRow[] };
