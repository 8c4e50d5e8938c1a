import "server-only";
import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { kubeCall, kubeWrite, requireKube } from "./client";

const merge = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);

export async function getDeploymentScale(options: { namespace: string; name: string }) {
  const { apps } = requireKube();
  const scale = await kubeCall(`read scale of deployment ${options.name}`, () => apps.readNamespacedDeploymentScale(options));
  return { replicas: scale.spec?.replicas ?? 0, current: scale.status?.replicas ?? 0 };
}

/** Runbook 2.1 step 6: `kubectl scale deployment/NAME --replicas=N` (merge patch on /scale). */
export async function scaleDeployment(options: { namespace: string; name: string; replicas: number; dryRun?: boolean }) {
  const { apps } = requireKube();
  // Read first, as kubectl does, so the audit can say what it was.
  const before = await getDeploymentScale(options);
  const scale = await kubeWrite(`scale deployment ${options.name}`, () =>
    apps.patchNamespacedDeploymentScale(
      { name: options.name, namespace: options.namespace, body: { spec: { replicas: options.replicas } }, fieldManager: "phoenix-ops-console", ...(options.dryRun ? { dryRun: "All" } : {}) },
      merge,
    ),
  );
  return { replicas: scale.spec?.replicas ?? options.replicas, before: before.replicas };
}
