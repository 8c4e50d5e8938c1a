import type { Runbook } from "../types";
import { nodeParam, section } from "./common";

const EXPERIMENTS = { namespace: "phoenix-experiments" };

export const otelCollectorHighMemory: Runbook = {
  id: "2.4-otel-collector-high-memory",
  number: "2.4",
  section: section(2),
  title: "OTel Collector High Memory Usage",
  purpose: "Collectors are running out of memory: relieve them, restart them, and move load off an affected node.",
  symptoms: ["Alert: CollectorHighMemoryUsage", "Collectors being OOM killed", "Metrics data loss"],
  severity: "SEV2",
  prerequisites: [],
  alerts: ["CollectorHighMemoryUsage"],
  parameters: [nodeParam()],
  steps: [
    {
      id: "memory",
      kind: "check",
      title: "Check memory usage",
      command: "kubectl top pods -n phoenix-experiments -l app=otel-collector",
      check: "cluster.pods",
      input: { ...EXPERIMENTS, selector: "app=otel-collector" },
    },
    { id: "pressure", kind: "check", title: "Check for memory pressure", command: 'kubectl describe nodes | grep -A 5 "Allocated resources"', check: "cluster.nodes", input: {} },
    {
      id: "collector-metrics",
      kind: "manual",
      title: "Get collector metrics",
      command: "curl http://otel-collector.phoenix-experiments:8888/metrics | grep memory",
      instructions: "Look at the collectors' memory series in Prometheus (otelcol_process_memory_rss).",
    },
    {
      id: "batch-size",
      kind: "action",
      title: "Reduce batch size temporarily",
      detail: "Sets processors.batch.send_batch_size in the collectors' config.yaml; the preview shows the diff. Restart the collectors next.",
      command: "kubectl edit configmap otel-collector-config -n phoenix-experiments\n# Reduce batch size from 8192 to 1000",
      action: "cluster.edit-config",
      input: {
        ...EXPERIMENTS,
        name: "otel-collector-config",
        key: "config.yaml",
        edits: [{ setting: "send_batch_size", value: { ask: { label: "send_batch_size", type: "text", default: "1000" } } }],
      },
      opens: { id: "batch-reduced", text: "the collectors' batch size is reduced: set it back to 8192 once memory is under control" },
    },
    {
      id: "restart",
      kind: "action",
      title: "Restart collectors",
      command: "kubectl rollout restart daemonset/otel-collector -n phoenix-experiments",
      action: "cluster.rollout-restart",
      input: { ...EXPERIMENTS, kind: "DaemonSet", name: "otel-collector" },
    },
    {
      id: "cordon",
      kind: "action",
      title: "If specific nodes affected, cordon them",
      when: "One node's collectors keep getting OOM-killed.",
      command: "kubectl cordon node-xyz",
      action: "cluster.cordon",
      input: { node: { param: "node" }, cordon: true },
      opens: { id: "node-cordoned", text: "the node is cordoned: it takes no new pods until someone uncordons it (Cluster page)" },
    },
    { id: "drain", kind: "action", title: "Drain the affected node", command: "kubectl drain node-xyz --ignore-daemonsets", action: "cluster.drain", input: { node: { param: "node" } } },
    {
      id: "pipeline",
      kind: "check",
      title: "Analyze pipeline configuration",
      command: 'kubectl logs -n phoenix-experiments daemonset/otel-collector | grep -E "processor|exporter"',
      check: "cluster.logs",
      input: { ...EXPERIMENTS, selector: "app=otel-collector", tail: 200, pattern: "processor|exporter" },
    },
  ],
};
