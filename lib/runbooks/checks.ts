import "server-only";
// The read-only operations a runbook's check steps run. Each parses its input, calls lib/ops,
// and answers a typed output the run page knows how to draw, with a one-line verdict.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { currentHealthReport } from "@/lib/health/run-health-checks";
import type { HealthReport } from "@/lib/health/health-types";
import { probeHttp, type ProbeResult } from "@/lib/ops/http/probe";
import { gatewayHealthy } from "@/lib/ops/http/gateway-health";
import { queryRange, type Series } from "@/lib/ops/prometheus/query-range";
import { canI, listQuotas, type QuotaRow } from "@/lib/ops/kube/access-quota";
import { listEvents, type EventRow } from "@/lib/ops/kube/list-events";
import { listNodes, type NodeRow } from "@/lib/ops/kube/list-nodes";
import { listPods, listWorkloads, type PodRow, type Workload } from "@/lib/ops/kube/list-workloads";
import { ERROR_PATTERN, readPodLog, scanPodLogs } from "@/lib/ops/kube/pod-logs";
import { rolloutHistory, type Revision } from "@/lib/ops/kube/rollout-history";
import { shownNamespace } from "@/lib/ops/kube/shown-namespace";
import { checkPostgres } from "@/lib/ops/postgres/check-postgres";
import { CONNECTIONS_BY_APP_SQL, CONNECTIONS_SQL, FAILURE_PATTERNS_SQL, readOnlyQuery, RECENT_FAILURES_SQL, requirePhoenixDb } from "@/lib/ops/postgres/phoenix-queries";
import { failureText } from "@/lib/ops/timeout";
import type { CheckId } from "./types";

export type CheckOutput = { verdict: "ok" | "problem"; summary: string } & (
  | { kind: "probe"; probe: ProbeResult | null; error: string | null }
  | { kind: "pods"; pods: PodRow[] }
  | { kind: "logs"; pods: { pod: string; lines: string[]; error: string | null }[]; pattern: string | null }
  | { kind: "revisions"; revisions: Revision[] }
  | { kind: "workloads"; workloads: Workload[] }
  | { kind: "events"; events: EventRow[] }
  | { kind: "scan"; results: Awaited<ReturnType<typeof scanPodLogs>> }
  | { kind: "nodes"; nodes: NodeRow[] }
  | { kind: "sql"; ok: boolean; detail: string }
  | { kind: "access"; allowed: boolean; question: string; reason: string | null }
  | { kind: "quotas"; quotas: QuotaRow[] }
  | { kind: "series"; query: string; title: string; unit: "ratio"; threshold: number; series: Series[] }
  | { kind: "rows"; sql: string; columns: string[]; rows: (string | number | null)[][]; chart: { title: string; labelColumn: number; valueColumn: number } | null }
  | { kind: "health"; report: HealthReport }
);

type CheckDef<S extends z.ZodType> = { title: string; input: S; run(input: z.output<S>): Promise<CheckOutput> };
const defineCheck = <S extends z.ZodType>(def: CheckDef<S>) => def;

const k8sName = z.string().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes name");
const namespace = k8sName.transform((ns) => shownNamespace(ns));
const selector = z.string().min(1).max(500);
const BROKEN = /BackOff|Err|Error|OOMKilled|Failed|Unknown/;

const phoenixQuery = (sql: string) => readOnlyQuery(requirePhoenixDb(env().PHOENIX_DATABASE_URL), sql, Math.max(env().HEALTH_TIMEOUT_MS, 5000));

export const CHECKS: Record<CheckId, CheckDef<z.ZodType>> = {
  "gateway.probe": defineCheck({
    title: "Probe the API gateway's health endpoint (verbose)",
    input: z.object({}).strict(),
    async run() {
      const base = env().API_GATEWAY_URL;
      if (!base) throw new AppError("DEPENDENCY_FAILED", "API_GATEWAY_URL is not configured.", { dependency: "API gateway" });
      const url = new URL("health", base.endsWith("/") ? base : `${base}/`).toString();
      try {
        const probe = await probeHttp({ url, timeoutMs: env().HEALTH_TIMEOUT_MS, dependency: "API gateway" });
        const ok = gatewayHealthy(probe);
        return { kind: "probe", probe, error: null, verdict: ok ? "ok" : "problem", summary: `HTTP ${probe.status} ${probe.statusText} in ${probe.durationMs} ms` };
      } catch (err) {
        // No answer at all is this step's finding, not a failure of the step.
        return { kind: "probe", probe: null, error: failureText(err), verdict: "problem", summary: `no answer from ${url}: ${failureText(err)}` };
      }
    },
  }),
  "cluster.pods": defineCheck({
    title: "Pods by label (kubectl get pods -l, top pods)",
    input: z.object({ namespace, selector }).strict(),
    async run(i) {
      const pods = await listPods({ namespace: i.namespace, labelSelector: i.selector });
      const ready = pods.filter((p) => p.status === "Running" && p.ready.split("/")[0] === p.ready.split("/")[1]).length;
      const broken = pods.filter((p) => BROKEN.test(p.status));
      const reasons = [...new Set(broken.map((p) => p.status))].join(", ");
      return {
        kind: "pods",
        pods,
        verdict: pods.length && !broken.length && ready === pods.length ? "ok" : "problem",
        summary: pods.length ? `${ready}/${pods.length} ready${broken.length ? `; ${broken.length} ${reasons}` : ""}` : `no pods match ${i.selector}`,
      };
    },
  }),
  "cluster.logs": defineCheck({
    title: "Logs of every pod matching a label (kubectl logs -l --tail)",
    input: z.object({ namespace, selector, tail: z.number().int().min(1).max(2000), pattern: z.string().max(200).optional() }).strict(),
    async run(i) {
      const pods = await listPods({ namespace: i.namespace, labelSelector: i.selector });
      let filter: RegExp | null = null;
      try {
        filter = i.pattern ? new RegExp(i.pattern) : null;
      } catch {
        throw new AppError("VALIDATION_FAILED", `pattern: not a regular expression: ${i.pattern}`);
      }
      const logs = await Promise.all(
        pods.map(async (p) => {
          try {
            const text = await readPodLog({ namespace: i.namespace, pod: p.name, tailLines: i.tail });
            const lines = text.split("\n").filter((l) => l && (!filter || filter.test(l)));
            return { pod: p.name, lines, error: null };
          } catch (err) {
            return { pod: p.name, lines: [], error: failureText(err) };
          }
        }),
      );
      const errors = logs.reduce((n, l) => n + l.lines.filter((x) => ERROR_PATTERN.test(x)).length, 0);
      return {
        kind: "logs",
        pods: logs,
        pattern: i.pattern ?? null,
        verdict: errors ? "problem" : "ok",
        summary: `${pods.length} pods, ${logs.reduce((n, l) => n + l.lines.length, 0)} lines${i.pattern ? ` matching ${i.pattern}` : ""}; ${errors} ERROR/FATAL/PANIC`,
      };
    },
  }),
  "cluster.rollout-history": defineCheck({
    title: "Rollout history (kubectl rollout history)",
    input: z.object({ namespace, name: k8sName }).strict(),
    async run(i) {
      const revisions = await rolloutHistory(i);
      const current = revisions.find((r) => r.current);
      return { kind: "revisions", revisions, verdict: "ok", summary: `${revisions.length} revisions; current ${current?.revision ?? "?"} (${current?.images.join(", ") ?? "?"})` };
    },
  }),
  "cluster.workloads": defineCheck({
    title: "Workloads of a namespace (kubectl get all)",
    input: z.object({ namespace }).strict(),
    async run(i) {
      const workloads = await listWorkloads({ namespace: i.namespace });
      const unhealthy = workloads.filter((w) => w.state !== "healthy");
      return { kind: "workloads", workloads, verdict: unhealthy.length ? "problem" : "ok", summary: unhealthy.length ? `${unhealthy.length} not healthy: ${unhealthy.map((w) => `${w.name} (${w.state})`).join(", ")}` : `${workloads.length} workloads healthy` };
    },
  }),
  "cluster.events": defineCheck({
    title: "Recent events (kubectl get events --sort-by=.lastTimestamp)",
    input: z.object({ namespace, limit: z.number().int().min(1).max(200) }).strict(),
    async run(i) {
      const events = await listEvents(i);
      const warnings = events.filter((e) => e.type === "Warning").length;
      return { kind: "events", events, verdict: warnings ? "problem" : "ok", summary: `${events.length} events, ${warnings} warnings` };
    },
  }),
  "cluster.error-scan": defineCheck({
    title: "Scan every pod's logs for ERROR|FATAL|PANIC",
    input: z.object({ namespace, tail: z.number().int().min(1).max(1000) }).strict(),
    async run(i) {
      const results = await scanPodLogs({ namespace: i.namespace, tailLines: i.tail });
      const hit = results.filter((r) => r.count > 0);
      return { kind: "scan", results, verdict: hit.length ? "problem" : "ok", summary: hit.length ? `${hit.length} of ${results.length} pods logged errors` : `no errors in ${results.length} pods` };
    },
  }),
  "cluster.nodes": defineCheck({
    title: "Nodes: readiness and allocated resources",
    input: z.object({}).strict(),
    async run() {
      const nodes = await listNodes();
      const bad = nodes.filter((n) => !n.ready);
      return { kind: "nodes", nodes, verdict: bad.length ? "problem" : "ok", summary: bad.length ? `${bad.length} not ready: ${bad.map((n) => n.name).join(", ")}` : `${nodes.length} nodes ready` };
    },
  }),
  "cluster.can-i": defineCheck({
    title: "Access check (kubectl auth can-i --as)",
    input: z.object({ user: z.string().min(1).max(300), verb: z.string().min(1).max(50), group: z.string().max(253), resource: z.string().min(1).max(253), namespace: k8sName.optional() }).strict(),
    async run(i) {
      const { allowed, reason } = await canI(i);
      const question = `can ${i.user} ${i.verb} ${i.resource}${i.group ? `.${i.group}` : ""}${i.namespace ? ` in ${i.namespace}` : ""}?`;
      return { kind: "access", allowed, question, reason, verdict: allowed ? "ok" : "problem", summary: `${allowed ? "yes" : "no"}: ${question}` };
    },
  }),
  "cluster.quotas": defineCheck({
    title: "Resource quota usage (kubectl describe resourcequota)",
    input: z.object({ namespace }).strict(),
    async run(i) {
      const quotas = await listQuotas(i.namespace);
      const tight = quotas.filter((q) => (q.fraction ?? 0) >= 0.9);
      return { kind: "quotas", quotas, verdict: tight.length ? "problem" : "ok", summary: tight.length ? `near the limit: ${tight.map((q) => `${q.resource} ${q.used}/${q.hard}`).join(", ")}` : `${quotas.length} limits, all below 90%` };
    },
  }),
  "phoenix-db.select1": defineCheck({
    title: "Phoenix database connectivity (SELECT 1 through PHOENIX_DATABASE_URL)",
    input: z.object({}).strict(),
    async run() {
      const url = env().PHOENIX_DATABASE_URL;
      if (!url) throw new AppError("DEPENDENCY_FAILED", "PHOENIX_DATABASE_URL is not configured.", { dependency: "PostgreSQL" });
      try {
        const { detail } = await checkPostgres({ url, timeoutMs: env().HEALTH_TIMEOUT_MS });
        return { kind: "sql", ok: true, detail, verdict: "ok", summary: detail };
      } catch (err) {
        return { kind: "sql", ok: false, detail: failureText(err), verdict: "problem", summary: `cannot reach the database: ${failureText(err)}` };
      }
    },
  }),
  "phoenix-db.recent-failures": defineCheck({
    title: "Recent experiment failures",
    input: z.object({}).strict(),
    async run() {
      const r = await phoenixQuery(RECENT_FAILURES_SQL);
      return { kind: "rows", sql: RECENT_FAILURES_SQL, ...r, chart: null, verdict: r.rows.length ? "problem" : "ok", summary: `${r.rows.length}${r.rows.length === 20 ? "+" : ""} experiments failed in the last hour` };
    },
  }),
  "phoenix-db.failure-patterns": defineCheck({
    title: "Common failure patterns",
    input: z.object({}).strict(),
    async run() {
      const r = await phoenixQuery(FAILURE_PATTERNS_SQL);
      const top = r.rows[0];
      return {
        kind: "rows",
        sql: FAILURE_PATTERNS_SQL,
        ...r,
        chart: { title: "Failures by error message (last hour)", labelColumn: 0, valueColumn: 1 },
        verdict: r.rows.length ? "problem" : "ok",
        summary: top ? `most common: "${top[0]}" (${top[1]} of ${r.rows.reduce((n, x) => n + Number(x[1]), 0)})` : "no failures in the last hour",
      };
    },
  }),
  "phoenix-db.connections": defineCheck({
    title: "Current connections (pg_stat_activity)",
    input: z.object({}).strict(),
    async run() {
      const r = await phoenixQuery(CONNECTIONS_SQL);
      const state = r.columns.indexOf("state");
      const idle = r.rows.filter((x) => x[state] === "idle").length;
      return { kind: "rows", sql: CONNECTIONS_SQL, ...r, chart: null, verdict: "ok", summary: `${r.rows.length} connections: ${idle} idle, ${r.rows.length - idle} active or other` };
    },
  }),
  "phoenix-db.connections-by-app": defineCheck({
    title: "Connections by application",
    input: z.object({}).strict(),
    async run() {
      const r = await phoenixQuery(CONNECTIONS_BY_APP_SQL);
      return { kind: "rows", sql: CONNECTIONS_BY_APP_SQL, ...r, chart: { title: "Connections by application", labelColumn: 0, valueColumn: 1 }, verdict: "ok", summary: `${r.rows.length} applications hold connections` };
    },
  }),
  "phoenix-db.connections-by-pod": defineCheck({
    title: "Connections per client address, by the pod that owns it",
    input: z.object({}).strict(),
    async run() {
      const sql = "SELECT client_addr::text AS client_addr, COUNT(*) AS connections FROM pg_stat_activity WHERE datname = current_database() GROUP BY client_addr ORDER BY connections DESC";
      const r = await phoenixQuery(sql);
      // Instead of netstat in every pod: the pod whose IP is the client address.
      const pods = (await Promise.all(env().CLUSTER_NAMESPACES.map((ns) => listPods({ namespace: ns }).catch(() => [])))).flat();
      const byIp = new Map(pods.filter((p) => p.ip).map((p) => [p.ip!, `${p.namespace}/${p.name}`]));
      const rows = r.rows.map(([addr, n]) => [addr ?? "(local socket)", addr ? (byIp.get(String(addr)) ?? "not a pod") : "—", n ?? 0]);
      return { kind: "rows", sql, columns: ["client_addr", "pod", "connections"], rows, chart: { title: "Connections per client", labelColumn: 1, valueColumn: 2 }, verdict: "ok", summary: `${rows.length} client addresses, ${rows.filter((x) => x[1] !== "not a pod" && x[1] !== "—").length} of them pods` };
    },
  }),
  "prometheus.collector-memory": defineCheck({
    title: "Collector memory against its limit, from Prometheus",
    input: z.object({ minutes: z.number().int().min(1).max(360) }).strict(),
    async run(i) {
      const baseUrl = env().PROMETHEUS_URL;
      if (!baseUrl) throw new AppError("DEPENDENCY_FAILED", "PROMETHEUS_URL is not configured.", { dependency: "Prometheus" });
      const query =
        'max by (pod, node) (container_memory_working_set_bytes{namespace="phoenix-experiments",container="otel-collector"} / on (namespace, pod, container, node) container_spec_memory_limit_bytes{namespace="phoenix-experiments",container="otel-collector"})';
      const series = await queryRange({ baseUrl, query, minutes: i.minutes, stepSeconds: Math.max(5, Math.round((i.minutes * 60) / 120)), timeoutMs: Math.max(env().HEALTH_TIMEOUT_MS, 5000) });
      const peak = Math.max(0, ...series.flatMap((s) => s.points.map(([, v]) => v)));
      const hot = series.filter((s) => s.points.some(([, v]) => v > 0.85));
      return {
        kind: "series",
        query,
        title: `Collector memory / limit, last ${i.minutes} minutes`,
        unit: "ratio",
        threshold: 0.85,
        series,
        verdict: hot.length ? "problem" : "ok",
        summary: series.length ? `${series.length} collectors; peak ${Math.round(peak * 100)}% of the limit${hot.length ? `; above 85%: ${hot.map((s) => s.labels.pod).join(", ")}` : ""}` : "no collector series in Prometheus",
      };
    },
  }),
  "health.overview": defineCheck({
    title: "Platform health (runbook 1.1)",
    input: z.object({}).strict(),
    async run() {
      const report = await currentHealthReport();
      const failing = report.checks.filter((c) => c.status === "down");
      return { kind: "health", report, verdict: failing.length ? "problem" : "ok", summary: failing.length ? `${failing.length} failing: ${failing.map((c) => c.name).join(", ")}` : "all configured checks pass" };
    },
  }),
};
