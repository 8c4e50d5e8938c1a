// What a real cluster's exporters would let Prometheus scrape from the simulated Phoenix
// workloads (kube-state-metrics, cAdvisor, the collectors, pgbouncer, the Phoenix API), in
// the text exposition format, so real alert rules fire under the fault scenarios.
import type { ClusterStore, Obj } from "./store";
import { DEF, type Scenario } from "./world";

const MiB = 1024 * 1024;

const quote = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const labels = (l: Record<string, string>) => `{${Object.entries(l).map(([k, v]) => `${k}="${quote(v)}"`).join(",")}}`;

function toBytes(q: string | undefined): number | null {
  if (!q) return null;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi)?$/.exec(q);
  if (!m) return null;
  return Number(m[1]) * ({ Ki: 1024, Mi: MiB, Gi: 1024 * MiB } as Record<string, number>)[m[2] ?? ""]! || Number(m[1]);
}

/** Counters that only go up, started at a believable total when the sandbox started. */
export class ExperimentCounters {
  private finished = 48_210;
  private failed = 903;
  private last = Date.now();

  advance(failing: boolean) {
    const seconds = (Date.now() - this.last) / 1000;
    this.last = Date.now();
    const done = seconds * 2; // two experiments finish a second
    this.finished += done;
    this.failed += done * (failing ? 0.45 : 0.02);
    return { finished: Math.floor(this.finished), failed: Math.floor(this.failed) };
  }
}

export function exposition(options: {
  store: ClusterStore;
  scenarios: ReadonlySet<Scenario>;
  podUsage: (pod: Obj) => { cpu: number; memory: number };
  counters: ExperimentCounters;
}): string {
  const { store, scenarios, podUsage } = options;
  const out: string[] = [];
  const family = (name: string, type: "gauge" | "counter", help: string, samples: [Record<string, string>, number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([l, v]) => `${name}${labels(l)} ${v}`));
  };

  const deployments = store.list(DEF.deployments);
  family("kube_deployment_spec_replicas", "gauge", "Desired replicas of a deployment.", deployments.map((d) => [{ namespace: d.metadata.namespace!, deployment: d.metadata.name }, d.spec.replicas ?? 1]));
  family("kube_deployment_status_replicas_available", "gauge", "Available replicas of a deployment.", deployments.map((d) => [{ namespace: d.metadata.namespace!, deployment: d.metadata.name }, d.status?.availableReplicas ?? 0]));

  const pods = store.list(DEF.pods).filter((p) => p.status?.phase === "Running");
  const containers = pods.flatMap((p) => (p.spec.containers ?? []).map((c: { name: string; resources?: { limits?: { memory?: string } } }) => ({ pod: p, c })));
  const base = (pod: Obj, container: string) => ({ namespace: pod.metadata.namespace!, pod: pod.metadata.name, container, node: pod.spec.nodeName ?? "" });
  family("container_memory_working_set_bytes", "gauge", "Current working set of a container.", containers.map(({ pod, c }) => [base(pod, c.name), podUsage(pod).memory * MiB]));
  family(
    "container_spec_memory_limit_bytes",
    "gauge",
    "Memory limit of a container (0 when unlimited).",
    containers.map(({ pod, c }) => [base(pod, c.name), toBytes(c.resources?.limits?.memory) ?? 0]),
  );
  family(
    "kube_pod_container_status_restarts_total",
    "counter",
    "Restarts of a container.",
    store.list(DEF.pods).flatMap((p) => (p.status?.containerStatuses ?? []).map((s: { name: string; restartCount?: number }) => [base(p, s.name), s.restartCount ?? 0] as [Record<string, string>, number])),
  );
  const collectors = pods.filter((p) => p.metadata.labels?.app === "otel-collector");
  family("otelcol_process_memory_rss", "gauge", "Resident memory of an OpenTelemetry collector.", collectors.map((p) => [{ namespace: p.metadata.namespace!, pod: p.metadata.name, node: p.spec.nodeName ?? "" }, podUsage(p).memory * MiB]));

  const { finished, failed } = options.counters.advance(scenarios.has("experiment-failures"));
  family("phoenix_experiments_finished_total", "counter", "Experiments that reached a final state.", [[{ namespace: "phoenix-system" }, finished]]);
  family("phoenix_experiments_failed_total", "counter", "Experiments that failed.", [[{ namespace: "phoenix-system" }, failed]]);

  const maxClients = 200;
  const active = scenarios.has("db-pool-exhausted") ? 198 : 37;
  family("pgbouncer_config_max_client_connections", "gauge", "pgbouncer's max_client_conn.", [[{ namespace: "phoenix-system" }, maxClients]]);
  family("pgbouncer_pools_client_active_connections", "gauge", "Client connections in use.", [[{ namespace: "phoenix-system", database: "phoenix" }, active]]);
  family("phoenix_api_up", "gauge", "1 when the Phoenix API answers its health check.", [[{ namespace: "phoenix-system" }, scenarios.has("api-crashloop") ? 0 : 1]]);
  return `${out.join("\n")}\n`;
}
