import "server-only";
import { type V1DaemonSet, type V1Deployment, Watch } from "@kubernetes/client-node";
import { kubeCall, requireKube, toKubeError } from "./client";
import { templateFields } from "./list-workloads";

export type RolloutKind = "Deployment" | "DaemonSet";

/** One reading of `kubectl rollout status`, with the numbers behind it for a progress bar. */
export type RolloutStatus = {
  kind: RolloutKind;
  namespace: string;
  name: string;
  revision: string | null;
  images: string[];
  desired: number;
  updated: number;
  available: number;
  /** Pods of older revisions still running (deployments) — they go last. */
  oldPending: number;
  /** kubectl's own sentence for this state, word for word. */
  message: string;
  phase: "waiting" | "complete" | "failed";
  observedAt: string;
};

/** kubectl's DeploymentStatusViewer (kubectl/pkg/polymorphichelpers/rollout_status.go), as data. */
export function deploymentRolloutStatus(d: V1Deployment): RolloutStatus {
  const name = d.metadata?.name ?? "";
  const s = d.status ?? {};
  const desired = d.spec?.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const oldPending = Math.max(0, (s.replicas ?? 0) - updated);
  const base = {
    kind: "Deployment" as const,
    namespace: templateFields(d).namespace,
    name,
    revision: d.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? null,
    images: templateFields(d).images,
    desired,
    updated,
    available,
    oldPending,
    observedAt: new Date().toISOString(),
  };
  const waiting = (message: string) => ({ ...base, message, phase: "waiting" as const });
  if ((d.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) return waiting("Waiting for deployment spec update to be observed...");
  const progressing = s.conditions?.find((c) => c.type === "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") return { ...base, message: `deployment "${name}" exceeded its progress deadline`, phase: "failed" };
  if (updated < desired) return waiting(`Waiting for deployment "${name}" rollout to finish: ${updated} out of ${desired} new replicas have been updated...`);
  if ((s.replicas ?? 0) > updated) return waiting(`Waiting for deployment "${name}" rollout to finish: ${oldPending} old replicas are pending termination...`);
  if (available < updated) return waiting(`Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`);
  return { ...base, message: `deployment "${name}" successfully rolled out`, phase: "complete" };
}

/** kubectl's DaemonSetStatusViewer. */
export function daemonSetRolloutStatus(ds: V1DaemonSet): RolloutStatus {
  const name = ds.metadata?.name ?? "";
  const s = ds.status;
  const desired = s?.desiredNumberScheduled ?? 0;
  const updated = s?.updatedNumberScheduled ?? 0;
  const available = s?.numberAvailable ?? 0;
  const base = {
    kind: "DaemonSet" as const,
    namespace: templateFields(ds).namespace,
    name,
    revision: null,
    images: templateFields(ds).images,
    desired,
    updated,
    available,
    oldPending: Math.max(0, (s?.currentNumberScheduled ?? 0) - updated),
    observedAt: new Date().toISOString(),
  };
  const waiting = (message: string) => ({ ...base, message, phase: "waiting" as const });
  if ((ds.metadata?.generation ?? 0) > (s?.observedGeneration ?? 0)) return waiting("Waiting for daemon set spec update to be observed...");
  if (updated < desired) return waiting(`Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`);
  if (available < desired) return waiting(`Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`);
  return { ...base, message: `daemon set "${name}" successfully rolled out`, phase: "complete" };
}

export type RolloutTarget = { namespace: string; kind: RolloutKind; name: string };

const statusOf = (kind: RolloutKind, obj: unknown) => (kind === "Deployment" ? deploymentRolloutStatus(obj as V1Deployment) : daemonSetRolloutStatus(obj as V1DaemonSet));

/** One read, for a page's first paint and for scripts. */
export async function getRolloutStatus(t: RolloutTarget): Promise<RolloutStatus> {
  const { apps } = requireKube();
  const obj =
    t.kind === "Deployment"
      ? await kubeCall(`read deployment ${t.name}`, () => apps.readNamespacedDeployment({ name: t.name, namespace: t.namespace }))
      : await kubeCall(`read daemonset ${t.name}`, () => apps.readNamespacedDaemonSet({ name: t.name, namespace: t.namespace }));
  return statusOf(t.kind, obj);
}

/**
 * `kubectl rollout status -w`: reads the object, then follows a watch on it (re-opened from
 * the last resourceVersion whenever the server ends the stream), calling onStatus at every
 * change of the verdict, until the signal aborts. Errors of the first read are thrown; errors
 * later go to onError and the watch is re-established after a pause.
 */
export async function watchRollout(
  t: RolloutTarget,
  signal: AbortSignal,
  onStatus: (s: RolloutStatus) => void,
  onError: (err: unknown) => void,
  options: { timeoutSeconds?: number } = {},
): Promise<void> {
  const { kc, apps } = requireKube();
  const read = () =>
    t.kind === "Deployment"
      ? kubeCall(`read deployment ${t.name}`, () => apps.readNamespacedDeployment({ name: t.name, namespace: t.namespace }))
      : kubeCall(`read daemonset ${t.name}`, () => apps.readNamespacedDaemonSet({ name: t.name, namespace: t.namespace }));
  let last = "";
  const emit = (obj: V1Deployment | V1DaemonSet) => {
    const status = statusOf(t.kind, obj);
    const key = JSON.stringify({ ...status, observedAt: undefined });
    if (key !== last) {
      last = key;
      onStatus(status);
    }
  };
  const first = await read();
  emit(first);
  let resourceVersion = first.metadata?.resourceVersion;
  const path = `/apis/apps/v1/namespaces/${encodeURIComponent(t.namespace)}/${t.kind === "Deployment" ? "deployments" : "daemonsets"}`;

  while (!signal.aborted) {
    let expired = false;
    const ended = await new Promise<unknown>((resolve) => {
      let controller: AbortController | undefined;
      const stop = () => controller?.abort();
      signal.addEventListener("abort", stop, { once: true });
      new Watch(kc)
        .watch(
          path,
          { fieldSelector: `metadata.name=${t.name}`, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: options.timeoutSeconds ?? 25 },
          (type, obj: V1Deployment & { code?: number }) => {
            if (type === "ERROR") {
              // 410 Gone: the version is too old; start again from a fresh read.
              expired = true;
              resourceVersion = undefined;
              controller?.abort();
              return;
            }
            resourceVersion = obj.metadata?.resourceVersion ?? resourceVersion;
            if (type === "ADDED" || type === "MODIFIED") emit(obj);
            if (type === "DELETED") onError(toKubeError(`watch ${t.kind.toLowerCase()} ${t.name}`, Object.assign(new Error(`${t.kind.toLowerCase()} ${t.name} was deleted`), { code: 404 })));
          },
          (err) => {
            signal.removeEventListener("abort", stop);
            resolve(err);
          },
        )
        .then((c) => {
          controller = c;
          if (signal.aborted) c.abort();
        }, resolve);
    });
    if (signal.aborted) break;
    if (ended && !expired) {
      onError(toKubeError(`watch ${t.kind.toLowerCase()} ${t.name}`, ended));
      await new Promise((r) => setTimeout(r, 1000));
    }
    if (!resourceVersion) {
      try {
        const fresh = await read();
        emit(fresh);
        resourceVersion = fresh.metadata?.resourceVersion;
      } catch (err) {
        onError(err);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}
