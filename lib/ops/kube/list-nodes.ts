import "server-only";
import { kubeCall, requireKube } from "./client";

export type NodeRow = {
  name: string;
  ready: boolean;
  readyReason: string | null;
  schedulable: boolean;
  roles: string[];
  version: string | null;
  cpu: { usedMillis: number | null; allocatableMillis: number };
  memory: { usedMiB: number | null; allocatableMiB: number };
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
    return {
      name: n.metadata?.name ?? "",
      ready: ready?.status === "True",
      readyReason: ready?.status === "True" ? null : (ready?.reason ?? "Unknown"),
      schedulable: !n.spec?.unschedulable,
      roles: Object.keys(n.metadata?.labels ?? {}).filter((k) => k.startsWith("node-role.kubernetes.io/")).map((k) => k.split("/")[1]!),
      version: n.status?.nodeInfo?.kubeletVersion ?? null,
      cpu: { usedMillis: used ? cpuMillis(used.usage.cpu) : null, allocatableMillis: cpuMillis(n.status?.allocatable?.cpu) },
      memory: { usedMiB: used ? memoryMiB(used.usage.memory) : null, allocatableMiB: memoryMiB(n.status?.allocatable?.memory) },
      pods: pods.items.filter((p) => p.spec?.nodeName === n.metadata?.name && !p.metadata?.deletionTimestamp).length,
    };
  });
}
