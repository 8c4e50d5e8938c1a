import "server-only";
import { AppError } from "@/lib/errors";
import { redact } from "@/lib/audit/redact";
import { env } from "@/lib/env";
import { checkGateway } from "@/lib/ops/http/check-gateway";
import { checkPostgres } from "@/lib/ops/postgres/check-postgres";
import { checkPrometheus } from "@/lib/ops/prometheus/check-prometheus";
import { pingRedis } from "@/lib/ops/redis/ping-redis";
import { kube } from "@/lib/ops/kube/client";
import { checkServicePods } from "@/lib/ops/kube/check-service-pods";
import { failureText, withTimeout } from "@/lib/ops/timeout";
import { HEALTH_CHECKS, type HealthCheckId, type HealthReport, type HealthRow } from "./health-types";

export type HealthTargets = Partial<Record<HealthCheckId, string | undefined>>;

const PROBES: Record<HealthCheckId, (target: string, timeoutMs: number) => Promise<{ detail: string }>> = {
  gateway: (baseUrl, timeoutMs) => checkGateway({ baseUrl, timeoutMs }),
  postgres: (url, timeoutMs) => checkPostgres({ url, timeoutMs }),
  redis: (url, timeoutMs) => pingRedis({ url, timeoutMs }),
  prometheus: (baseUrl, timeoutMs) => checkPrometheus({ baseUrl, timeoutMs }),
};

export function configuredTargets(): HealthTargets {
  const e = env();
  return { gateway: e.API_GATEWAY_URL, postgres: e.PHOENIX_DATABASE_URL, redis: e.PHOENIX_REDIS_URL, prometheus: e.PROMETHEUS_URL };
}

/**
 * Runbook 1.1 for the checks that need no cluster. All run in parallel, each under its own
 * timeout, so one hung dependency never delays the others.
 */
export async function runHealthChecks(options: { targets?: HealthTargets; timeoutMs?: number } = {}): Promise<HealthReport> {
  const targets = options.targets ?? configuredTargets();
  const timeoutMs = options.timeoutMs ?? env().HEALTH_TIMEOUT_MS;
  const services = Object.entries(env().SERVICE_MAP).map(([name, svc]) => {
    const check = {
      id: `service:${name}` as const,
      name: `${name} pods`,
      envVar: "KUBECONFIG",
      probe: `kubectl get pod -n ${svc.namespace} -l app=${svc.deployment}`,
    };
    return runOne(check, kube() ? svc.namespace : undefined, timeoutMs, () => checkServicePods(svc));
  });
  const checks = await Promise.all([...HEALTH_CHECKS.map((c) => runOne(c, targets[c.id], timeoutMs)), ...services]);
  const degraded = checks.some((c) => c.status === "down");
  return { status: degraded ? "degraded" : "ok", checkedAt: new Date().toISOString(), timeoutMs, checks };
}

type CheckInfo = { id: HealthRow["check"]; name: string; envVar: string; probe: string };

async function runOne(check: CheckInfo, target: string | undefined, timeoutMs: number, probe?: () => Promise<{ detail: string }>): Promise<HealthRow> {
  const base = { check: check.id, name: check.name, envVar: check.envVar, probe: check.probe };
  if (!target) {
    return { ...base, status: "not_configured", target: null, latencyMs: null, detail: null, error: null, timedOut: false, checkedAt: new Date().toISOString() };
  }
  const started = performance.now();
  try {
    const { detail } = probe
      ? await withTimeout(check.name, timeoutMs, () => probe())
      : await PROBES[check.id as HealthCheckId](target, timeoutMs);
    return { ...base, status: "ok", target: redact(target) as string, latencyMs: elapsed(started), detail, error: null, timedOut: false, checkedAt: new Date().toISOString() };
  } catch (err) {
    const timedOut = err instanceof AppError && err.code === "DEPENDENCY_TIMEOUT";
    return { ...base, status: "down", target: redact(target) as string, latencyMs: elapsed(started), detail: null, error: failureText(err), timedOut, checkedAt: new Date().toISOString() };
  }
}

const elapsed = (started: number) => Math.round(performance.now() - started);

const SHARE_MS = 1000;
const g = globalThis as unknown as { __phoenixHealth?: { at: number; report: Promise<HealthReport> } };

/**
 * The configured checks for GET /api/health. Requests within a second share one run, so
 * any number of open panels costs the dependencies one probe each per second at most.
 */
export function currentHealthReport(): Promise<HealthReport> {
  const shared = g.__phoenixHealth;
  if (shared && Date.now() - shared.at < SHARE_MS) return shared.report;
  const report = runHealthChecks();
  g.__phoenixHealth = { at: Date.now(), report };
  return report;
}
