import "server-only";
import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from "@kubernetes/client-node";
import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";
import { kubeCall, kubeWrite, requireKube } from "./client";

const REVISION = "deployment.kubernetes.io/revision";

export type Revision = {
  revision: number;
  replicaSet: string;
  images: string[];
  createdAt: string | null;
  changeCause: string | null;
  replicas: number;
  current: boolean;
};

async function ownedReplicaSets(namespace: string, name: string): Promise<{ deployment: V1Deployment; sets: V1ReplicaSet[] }> {
  const { apps } = requireKube();
  const deployment = await kubeCall(`read deployment ${name}`, () => apps.readNamespacedDeployment({ name, namespace }));
  const selector = Object.entries(deployment.spec?.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
  const list = await kubeCall(`list replicasets of ${name}`, () => apps.listNamespacedReplicaSet({ namespace, labelSelector: selector }));
  // As kubectl does: only the ReplicaSets this deployment controls.
  const sets = list.items.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === deployment.metadata?.uid));
  return { deployment, sets };
}

/** `kubectl rollout history deployment/NAME`, with each revision's image and time. */
export async function rolloutHistory(options: { namespace: string; name: string }): Promise<Revision[]> {
  const { deployment, sets } = await ownedReplicaSets(options.namespace, options.name);
  const current = deployment.metadata?.annotations?.[REVISION];
  return sets
    .map((rs) => ({
      revision: Number(rs.metadata?.annotations?.[REVISION] ?? 0),
      replicaSet: rs.metadata?.name ?? "",
      images: rs.spec?.template?.spec?.containers.map((c) => c.image ?? "") ?? [],
      createdAt: rs.metadata?.creationTimestamp ? new Date(rs.metadata.creationTimestamp).toISOString() : null,
      changeCause: rs.metadata?.annotations?.["kubernetes.io/change-cause"] ?? null,
      replicas: rs.status?.replicas ?? 0,
      current: rs.metadata?.annotations?.[REVISION] === current,
    }))
    .sort((a, b) => b.revision - a.revision);
}

function templateOf(rs: V1ReplicaSet): V1PodTemplateSpec {
  const template = structuredClone(rs.spec!.template!);
  delete template.metadata?.labels?.["pod-template-hash"];
  return template;
}

/**
 * `kubectl rollout undo deployment/NAME --to-revision=N`: the deployment's template becomes
 * that revision's; the controller then adopts the old ReplicaSet as the newest revision.
 */
export async function rolloutUndo(options: { namespace: string; name: string; toRevision: number; dryRun?: boolean }) {
  const { apps } = requireKube();
  const { deployment, sets } = await ownedReplicaSets(options.namespace, options.name);
  if (deployment.spec?.paused) throw new AppError("CONFLICT", `deployment/${options.name} is paused; resume it before rolling back.`);
  const current = deployment.metadata?.annotations?.[REVISION];
  // toRevision 0 is kubectl's default: the newest revision before the current one.
  const toRevision =
    options.toRevision ||
    Math.max(0, ...sets.map((rs) => Number(rs.metadata?.annotations?.[REVISION] ?? 0)).filter((r) => r < Number(current ?? 0)));
  if (!toRevision) throw new AppError("CONFLICT", `deployment/${options.name} has no previous revision to roll back to.`);
  const target = sets.find((rs) => Number(rs.metadata?.annotations?.[REVISION]) === toRevision);
  if (!target) throw new AppError("NOT_FOUND", `deployment/${options.name} has no revision ${toRevision}.`);
  if (String(toRevision) === current) throw new AppError("CONFLICT", `Revision ${toRevision} is already the current one.`);
  const template = templateOf(target);
  const body = [{ op: "replace", path: "/spec/template", value: template }];
  const updated = await kubeWrite(`roll back deployment ${options.name}`, () =>
    apps.patchNamespacedDeployment(
      { name: options.name, namespace: options.namespace, body, fieldManager: "phoenix-ops-console", ...(options.dryRun ? { dryRun: "All" } : {}) },
      setHeaderOptions("Content-Type", PatchStrategy.JsonPatch),
    ),
  );
  return {
    from: { revision: current ?? null, images: deployment.spec?.template.spec?.containers.map((c) => c.image ?? "") ?? [] },
    to: { revision: toRevision, images: template.spec?.containers.map((c) => c.image ?? "") ?? [] },
    generation: updated.metadata?.generation ?? null,
  };
}
