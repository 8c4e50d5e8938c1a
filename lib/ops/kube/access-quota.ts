import "server-only";
import { AuthorizationV1Api } from "@kubernetes/client-node";
import { kubeCall, requireKube } from "./client";
import { cpuMillis, memoryMiB } from "./list-nodes";

/** `kubectl auth can-i VERB RESOURCE --as=USER -n NS`, through a SubjectAccessReview. */
export async function canI(options: { user: string; verb: string; group: string; resource: string; namespace?: string }) {
  const { kc } = requireKube();
  const authz = kc.makeApiClient(AuthorizationV1Api);
  const review = await kubeCall(`access review for ${options.user}`, () =>
    authz.createSubjectAccessReview({
      body: { apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview", spec: { user: options.user, resourceAttributes: { verb: options.verb, group: options.group, resource: options.resource, namespace: options.namespace } } },
    }),
  );
  return { allowed: review.status?.allowed ?? false, reason: review.status?.reason ?? null };
}

export type QuotaRow = { quota: string; resource: string; used: string; hard: string; fraction: number | null };

const amount = (resource: string, q: string) => (resource.includes("cpu") ? cpuMillis(q) : resource.includes("memory") || resource.includes("storage") ? memoryMiB(q) : Number(q));

/** `kubectl describe resourcequota -n NS`: used against hard per resource. */
export async function listQuotas(namespace: string): Promise<QuotaRow[]> {
  const { core } = requireKube();
  const list = await kubeCall(`list resourcequotas in ${namespace}`, () => core.listNamespacedResourceQuota({ namespace }));
  return list.items.flatMap((q) =>
    Object.entries(q.status?.hard ?? q.spec?.hard ?? {}).map(([resource, hard]) => {
      const used = q.status?.used?.[resource] ?? "0";
      const h = amount(resource, hard);
      return { quota: q.metadata?.name ?? "", resource, used, hard, fraction: h > 0 ? amount(resource, used) / h : null };
    }),
  );
}
