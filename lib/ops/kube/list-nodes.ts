import "server-only";
import { kubeCall, requireKube } from "./client";

export type NodeRow = {
  name: string;
  ready: boolean;
  readyReason: string | null;
  schedulable: boolean;
  roles: string[];
  version: string | null;
  /** requested: what the node's pods request (kubectl describe node's "Allocated resources"); used: from metrics.k8s.io. */
  cpu: { usedMillis: number | null; requestedMillis: number; allocatableMillis: number };
  memory: { usedMiB: number | null; requestedMiB: number; allocatableMiB: number };
  pods: number;
};

/** Kubernetes quantities as numbers: cpu in millicores, memory in MiB. */
export function cpuMillis(q: string | undefined): number {
  if (!q) return 0;
  if (q.endsWith("n")) return Number(q.slice(0, -1)) / 1e6;
  if (q.endsWith("u")) return Number(q.slice(0, -1)) / 1e3;
  if (q.endsWith("m")) return Number(q.slice(0, -1));
  return Number(q) * 1000;
}

export function memoryMiB(q: string | undefined): number {
  if (!q) return 0;
  const m = /^(\d+(?:\.\d+)?)([KMGT]i?|[kMGT]|)$/.exec(q);
  if (!m) return 0;
  const factor: Record<string, number> = { "": 1 / 1048576, Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1048576, k: 1000 / 1048576, K: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576, T: 1e12 / 1048576 };
  return Number(m[1]) * (factor[m[2]!] ?? 1);
}

/** `kubectl get nodes` and `kubectl top nodes` in one: readiness, cordons, usage against allocatable. */
export async function listNodes(): Promise<NodeRow[]> {
  const { core, metrics } = requireKube();
  const [nodes, pods, usage] = await Promise.all([
    kubeCall("list nodes", () => core.listNode()),
    kubeCall("list pods", () => core.listPodForAllNamespaces()),
    kubeCall("read node metrics", () => metrics.getNodeMetrics()).catch(() => null), // metrics-server may be absent
  ]);
  return nodes.items.map((n) => {
    const ready = n.status?.conditions?.find((c) => c.type === "Ready");
    const used = usage?.items.find((u) => u.metadata.name === n.metadata?.name);
    const here = pods.items.filter((p) => p.spec?.nodeName === n.metadata?.name && !p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
    const requests = here.flatMap((p) => p.spec?.containers.map((c) => c.resources?.requests ?? {}) ?? []);
    return {
      name: n.metadata?.name ?? "",
      ready: ready?.status === "True",
      readyReason: ready?.status === "True" ? null : (ready?.reason ?? "Unknown"),
      schedulable: !n.spec?.unschedulable,
      roles: Object.keys(n.metadata?.labels ?? {}).filter((k) => k.startsWith("node-role.kubernetes.io/")).map((k) => k.split("/")[1]!),
      version: n.status?.nodeInfo?.kubeletVersion ?? null,
      cpu: { usedMillis: used ? cpuMillis(used.usage.cpu) : null, requestedMillis: requests.reduce((sum, r) => sum + cpuMillis(r.cpu), 0), allocatableMillis: cpuMillis(n.status?.allocatable?.cpu) },
      memory: { usedMiB: used ? memoryMiB(used.usage.memory) : null, requestedMiB: requests.reduce((sum, r) => sum + memoryMiB(r.memory), 0), allocatableMiB: memoryMiB(n.status?.allocatable?.memory) },
      pods: here.length,
    };
  });
}
