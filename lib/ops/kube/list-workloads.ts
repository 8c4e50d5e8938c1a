import "server-only";
import type { V1DaemonSet, V1Deployment, V1Pod } from "@kubernetes/client-node";
import { kubeCall, requireKube } from "./client";
import { cpuMillis, memoryMiB } from "./list-nodes";

export type Workload = {
  kind: "Deployment" | "DaemonSet";
  namespace: string;
  name: string;
  desired: number;
  ready: number;
  updated: number;
  available: number;
  images: string[];
  containers: { name: string; image: string }[];
  revision: string | null;
  createdAt: string | null;
  /** A one-line verdict a person would read first. */
  state: "healthy" | "progressing" | "degraded" | "stalled";
  message: string | null;
};

export type PodRow = {
  namespace: string;
  name: string;
  phase: string;
  status: string;
  ready: string;
  restarts: number;
  node: string | null;
  ip: string | null;
  createdAt: string | null;
  owner: string | null;
  labels: Record<string, string>;
  /** From metrics.k8s.io (`kubectl top pods`); null when the cluster has no metrics. */
  cpuMillis: number | null;
  memoryMiB: number | null;
};

/** What deployments and daemonsets share: where they are, their pod template's images, their age. */
export function templateFields(o: V1Deployment | V1DaemonSet) {
  const containers = o.spec?.template.spec?.containers ?? [];
  return {
    namespace: o.metadata?.namespace ?? "",
    name: o.metadata?.name ?? "",
    images: containers.map((c) => c.image ?? ""),
    containers: containers.map((c) => ({ name: c.name, image: c.image ?? "" })),
    createdAt: o.metadata?.creationTimestamp ? new Date(o.metadata.creationTimestamp).toISOString() : null,
  };
}

function deploymentRow(d: V1Deployment): Workload {
  const desired = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const progressing = s.conditions?.find((c) => c.type === "Progressing");
  const ready = s.readyReplicas ?? 0;
  const updated = s.updatedReplicas ?? 0;
  const stalled = progressing?.reason === "ProgressDeadlineExceeded";
  const complete = ready === desired && updated === desired && (s.replicas ?? 0) === desired && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
  return {
    kind: "Deployment",
    ...templateFields(d),
    desired,
    ready,
    updated,
    available: s.availableReplicas ?? 0,
    revision: d.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? null,
    state: stalled ? "stalled" : complete ? "healthy" : ready < desired && updated === desired ? "degraded" : "progressing",
    message: stalled || !complete ? (progressing?.message ?? null) : null,
  };
}

/** Runbook 1.1/1.2's `kubectl get deploy,ds`: what runs in a namespace and how well. */
export async function listWorkloads(options: { namespace: string }): Promise<Workload[]> {
  const { apps } = requireKube();
  const [deployments, daemonsets] = await Promise.all([
    kubeCall(`list deployments in ${options.namespace}`, () => apps.listNamespacedDeployment({ namespace: options.namespace })),
    kubeCall(`list daemonsets in ${options.namespace}`, () => apps.listNamespacedDaemonSet({ namespace: options.namespace })),
  ]);
  return [
    ...deployments.items.map(deploymentRow),
    ...daemonsets.items.map((ds): Workload => {
      const s = ds.status;
      const desired = s?.desiredNumberScheduled ?? 0;
      const ready = s?.numberReady ?? 0;
      const updated = s?.updatedNumberScheduled ?? 0;
      return {
        kind: "DaemonSet",
        ...templateFields(ds),
        desired,
        ready,
        updated,
        available: s?.numberAvailable ?? 0,
        revision: null,
        state: ready === desired && updated === desired ? "healthy" : updated < desired ? "progressing" : "degraded",
        message: null,
      };
    }),
  ].sort((a, b) => a.name.localeCompare(b.name));
}

/** The reason kubectl shows in STATUS: a waiting/terminated container's reason, else the phase. */
export function podStatus(p: V1Pod): string {
  if (p.metadata?.deletionTimestamp) return "Terminating";
  for (const c of p.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) return c.state.waiting.reason;
    if (c.state?.terminated?.reason) return c.state.terminated.reason;
  }
  return p.status?.reason ?? p.status?.phase ?? "Unknown";
}

export function podRow(p: V1Pod): PodRow {
  const statuses = p.status?.containerStatuses ?? [];
  return {
    namespace: p.metadata?.namespace ?? "",
    name: p.metadata?.name ?? "",
    phase: p.status?.phase ?? "Unknown",
    status: podStatus(p),
    ready: `${statuses.filter((c) => c.ready).length}/${p.spec?.containers.length ?? statuses.length}`,
    restarts: statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    node: p.spec?.nodeName ?? null,
    ip: p.status?.podIP ?? null,
    createdAt: p.metadata?.creationTimestamp ? new Date(p.metadata.creationTimestamp).toISOString() : null,
    owner: p.metadata?.ownerReferences?.find((o) => o.controller)?.name ?? null,
    labels: p.metadata?.labels ?? {},
    cpuMillis: null,
    memoryMiB: null,
  };
}

/** Runbook 2.1's `kubectl get pods -n NS -l SELECTOR`. */
export async function listPods(options: { namespace: string; labelSelector?: string }): Promise<PodRow[]> {
  const { core, metrics } = requireKube();
  const [list, usage] = await Promise.all([
    kubeCall(`list pods in ${options.namespace}`, () => core.listNamespacedPod({ namespace: options.namespace, labelSelector: options.labelSelector || undefined })),
    // metrics-server may be absent: pods still list, without usage.
    kubeCall(`read pod metrics in ${options.namespace}`, () => metrics.getPodMetrics(options.namespace)).catch(() => null),
  ]);
  const byName = new Map(usage?.items.map((m) => [m.metadata.name, m.containers]) ?? []);
  return list.items
    .map((p) => {
      const row = podRow(p);
      const containers = byName.get(row.name);
      if (containers) {
        row.cpuMillis = containers.reduce((n, c) => n + cpuMillis(c.usage.cpu), 0);
        row.memoryMiB = containers.reduce((n, c) => n + memoryMiB(c.usage.memory), 0);
      }
      return row;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
