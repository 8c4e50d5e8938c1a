// Believable pod logs: a line every two seconds since the container started, INFO in
// health, ERROR/FATAL when a fault scenario is making the pod crash.
import type { Obj } from "./store";

const INFO: Record<string, string[]> = {
  api: ["GET /api/v1/experiments 200 12ms", "POST /api/v1/experiments 201 48ms", "GET /health 200 1ms", "GET /api/v1/pipelines 200 9ms", "db pool: 7/20 connections in use"],
  controller: ["reconciled experiment exp-4821 (state=RUNNING)", "reconciled experiment exp-4822 (state=COMPLETED)", "watch resync: 42 experiments", "queue depth 3"],
  generator: ["generated config for pipeline ppl-193 (v17)", "config cache hit ratio 0.94", "rendered 12 templates in 31ms"],
  "kube-apiserver": ["cacher (pods): 1 objects queued in incoming channel", "Trace[1843]: \"List\" url:/api/v1/pods,user-agent:kubectl (total time: 112ms)", "watch chan error: etcdserver: mvcc: required revision has been compacted", "AuthenticationError: token lookup failed for system:serviceaccount:phoenix-system:default"],
  etcd: ["finished scheduled compaction (took 9.8ms)", "apply request took too long (took 112ms, expected 100ms)", "saved snapshot at index 1200034"],
  "kube-scheduler": ["Successfully bound pod to node", "Attempting to schedule pod"],
  "kube-controller-manager": ["Event occurred: object=phoenix-system/phoenix-api reason=ScalingReplicaSet", "Finished syncing deployment (4.2ms)"],
  "otel-collector": ["processor/batch: sent batch of 8192 metrics", "exporter/prometheus: scrape served 15632 series", "receiver/otlp: accepted 1204 data points"],
};
const FATAL: Record<string, string[]> = {
  api: [
    "ERROR failed to connect to database: dial tcp 10.96.3.13:5432: connect: connection refused",
    "ERROR retrying database connection (attempt 5/5)",
    "FATAL could not initialise storage layer: database unreachable after 5 attempts",
    "PANIC main.main: exit status 1",
  ],
  "otel-collector": [
    "ERROR processor/memory_limiter: memory usage above hard limit (509MiB > 400MiB), dropping data",
    "ERROR exporter/prometheus: failed to export: context deadline exceeded",
    "FATAL runtime: out of memory",
  ],
};

const stamp = (ms: number) => new Date(ms).toISOString();

export function containerKind(pod: Obj, container?: string) {
  const name = container ?? pod.spec.containers?.[0]?.name ?? "app";
  return pod.metadata.labels?.app === "otel-collector" ? "otel-collector" : name;
}

/** The log of the current container (or, with previous, of the one that crashed before it). */
export function podLogLines(pod: Obj, options: { container?: string; previous?: boolean; crashing: boolean; now?: number }): string[] {
  const now = options.now ?? Date.now();
  const kind = containerKind(pod, options.container);
  const status = pod.status?.containerStatuses?.find((c: { name: string }) => !options.container || c.name === options.container);
  const started = Date.parse(status?.state?.running?.startedAt ?? pod.status?.startTime ?? pod.metadata.creationTimestamp ?? "") || now - 60_000;
  const info = INFO[kind] ?? ["serving requests", "heartbeat ok"];
  const lines: string[] = [];
  const from = options.previous ? started - 30_000 : started;
  const to = options.previous ? started - 1000 : now;
  for (let t = from, i = 0; t <= to && i < 2000; t += 2000, i++) lines.push(`${stamp(t)} INFO  ${info[i % info.length]}`);
  if (options.crashing || options.previous) {
    const fatal = FATAL[kind] ?? [`FATAL ${kind} exited unexpectedly`];
    fatal.forEach((l, i) => lines.push(`${stamp(to + i)} ${l.startsWith("PANIC") || l.startsWith("FATAL") || l.startsWith("ERROR") ? l.replace(/^(\w+) /, (m, w) => `${w.padEnd(5)} `) : l}`));
  }
  return lines;
}

export function nextLogLine(pod: Obj, container: string | undefined, crashing: boolean, i: number): string {
  const kind = containerKind(pod, container);
  if (crashing) {
    const fatal = FATAL[kind] ?? [`FATAL ${kind} exited unexpectedly`];
    return `${stamp(Date.now())} ${fatal[i % fatal.length]}`;
  }
  const info = INFO[kind] ?? ["serving requests"];
  return `${stamp(Date.now())} INFO  ${info[i % info.length]}`;
}
