import "server-only";
import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { kubeCall, kubeWrite, requireKube, toKubeError, withoutLateAnswer } from "./client";
import { podRow, type PodRow } from "./list-workloads";

const smp = setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch);

/** `kubectl cordon|uncordon NODE`: read the node (kubectl says "already cordoned"), then patch it. */
export async function setNodeCordon(options: { node: string; cordon: boolean }) {
  const { core } = requireKube();
  const node = await kubeCall(`read node ${options.node}`, () => core.readNode({ name: options.node }));
  await kubeWrite(`${options.cordon ? "cordon" : "uncordon"} ${options.node}`, () =>
    core.patchNode({ name: options.node, body: { spec: { unschedulable: options.cordon ? true : null } } }, smp),
  );
  return { node: options.node, unschedulable: options.cordon, before: node.spec?.unschedulable === true };
}

export type DrainPlan = { node: string; evict: PodRow[]; skipped: { pod: PodRow; reason: string }[] };

/** What `kubectl drain --ignore-daemonsets --delete-emptydir-data` would evict, and what it leaves. */
export async function planDrain(options: { node: string }): Promise<DrainPlan> {
  const { core } = requireKube();
  await kubeCall(`read node ${options.node}`, () => core.readNode({ name: options.node }));
  const pods = await kubeCall(`list pods on ${options.node}`, () => core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${options.node}` }));
  const plan: DrainPlan = { node: options.node, evict: [], skipped: [] };
  for (const p of pods.items) {
    const row = podRow(p);
    if (p.metadata?.deletionTimestamp) continue;
    if (p.metadata?.ownerReferences?.some((o) => o.controller && o.kind === "DaemonSet")) plan.skipped.push({ pod: row, reason: "DaemonSet-managed (stays)" });
    else if (p.metadata?.annotations?.["kubernetes.io/config.mirror"]) plan.skipped.push({ pod: row, reason: "mirror pod (static)" });
    else plan.evict.push(row);
  }
  return plan;
}

/**
 * Runbook 2.4: cordon, then evict every pod the plan names through the eviction API, which
 * honours PodDisruptionBudgets (429 → wait and retry, as kubectl does) until the deadline.
 */
export async function drainNode(options: { node: string; deadlineMs: number; signal?: AbortSignal }) {
  const { core } = requireKube();
  // The evictions would follow the cordon, so a late cordon cannot say the drain happened.
  const cordon = await setNodeCordon({ node: options.node, cordon: true }).catch((err: unknown) => Promise.reject(withoutLateAnswer(err)));
  const plan = await planDrain(options);
  const evicted: string[] = [];
  const blocked: { pod: string; message: string }[] = [];
  const until = Date.now() + options.deadlineMs;
  for (const pod of plan.evict) {
    for (;;) {
      try {
        await kubeWrite(`evict ${pod.name}`, () =>
          core.createNamespacedPodEviction({ name: pod.name, namespace: pod.namespace, body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: pod.name, namespace: pod.namespace } } }),
        );
        evicted.push(`${pod.namespace}/${pod.name}`);
        break;
      } catch (err) {
        const code = (err as { code?: number }).code;
        const e = toKubeError(`evict ${pod.name}`, err);
        if (e.code === "NOT_FOUND") break; // already gone
        const budget = code === 429 || /disruption budget/i.test(e.message);
        if (!budget || Date.now() > until || options.signal?.aborted) {
          blocked.push({ pod: `${pod.namespace}/${pod.name}`, message: e.message });
          break;
        }
        await new Promise((r) => setTimeout(r, 1000)); // the budget frees up as replacements become ready
      }
    }
  }
  return {
    node: options.node,
    wasUnschedulable: cordon.before,
    evicted,
    blocked,
    skipped: plan.skipped.map((s) => ({ pod: `${s.pod.namespace}/${s.pod.name}`, reason: s.reason })),
  };
}
