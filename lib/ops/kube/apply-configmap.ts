import "server-only";
import { kubeCall, kubeWrite, requireKube } from "./client";

/**
 * `cat <<EOF | kubectl apply -f -` of a ConfigMap (runbook 3.1's deployment record): created,
 * or replaced when it exists. Answers which of the two, as kubectl prints.
 */
export async function applyConfigMap(options: { namespace: string; name: string; data: Record<string, string>; labels?: Record<string, string> }) {
  const { core } = requireKube();
  const body = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: options.name, namespace: options.namespace, labels: options.labels }, data: options.data };
  try {
    await kubeWrite(`create configmap ${options.name}`, () => core.createNamespacedConfigMap({ namespace: options.namespace, body, fieldManager: "phoenix-ops-console" }));
    return { result: "created" as const };
  } catch (err) {
    if ((err as { code?: string }).code !== "CONFLICT") throw err;
  }
  const current = await kubeCall(`read configmap ${options.name}`, () => core.readNamespacedConfigMap({ name: options.name, namespace: options.namespace }));
  await kubeWrite(`replace configmap ${options.name}`, () =>
    core.replaceNamespacedConfigMap({
      name: options.name,
      namespace: options.namespace,
      body: { ...body, metadata: { ...body.metadata, resourceVersion: current.metadata?.resourceVersion } },
      fieldManager: "phoenix-ops-console",
    }),
  );
  return { result: "configured" as const };
}
