import "server-only";
import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { kubeCall, kubeWrite, requireKube } from "./client";
import { listPods } from "./list-workloads";

export type WorkloadRef = { namespace: string; kind: "Deployment" | "DaemonSet"; name: string };

const smp = setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch);

/** What `kubectl rollout restart` sends: a new restartedAt annotation on the pod template. */
function restartPatch(at: Date) {
  return { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": at.toISOString() } } } } };
}

async function patchWorkload(ref: WorkloadRef, body: object, dryRun: boolean) {
  const { apps } = requireKube();
  const params = { name: ref.name, namespace: ref.namespace, body, fieldManager: "phoenix-ops-console", ...(dryRun ? { dryRun: "All" } : {}) };
  return ref.kind === "Deployment"
    ? kubeWrite(`patch deployment ${ref.name}`, () => apps.patchNamespacedDeployment(params, smp))
    : kubeWrite(`patch daemonset ${ref.name}`, () => apps.patchNamespacedDaemonSet(params, smp));
}

/** The pods a restart will replace, after a server-side dry run of the patch. */
export async function previewRestart(ref: WorkloadRef) {
  const dry = await patchWorkload(ref, restartPatch(new Date()), true);
  const selector = Object.entries(dry.spec?.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
  const pods = await listPods({ namespace: ref.namespace, labelSelector: selector });
  return { pods, selector };
}

/** Runbook 2.1 step 5 / 2.4: `kubectl rollout restart deployment|daemonset/NAME`, naming the pods it replaces. */
export async function restartWorkload(ref: WorkloadRef) {
  const { apps } = requireKube();
  const current =
    ref.kind === "Deployment"
      ? await kubeCall(`read deployment ${ref.name}`, () => apps.readNamespacedDeployment({ name: ref.name, namespace: ref.namespace }))
      : await kubeCall(`read daemonset ${ref.name}`, () => apps.readNamespacedDaemonSet({ name: ref.name, namespace: ref.namespace }));
  const selector = Object.entries(current.spec?.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
  const pods = await listPods({ namespace: ref.namespace, labelSelector: selector });
  const at = new Date();
  const updated = await patchWorkload(ref, restartPatch(at), false);
  return { restartedAt: at.toISOString(), generation: updated.metadata?.generation ?? null, replaces: pods.map((p) => p.name) };
}
