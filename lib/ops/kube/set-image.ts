import "server-only";
import { PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";
import { kubeCall, kubeWrite, requireKube } from "./client";

/**
 * `kubectl set image deployment/NAME CONTAINER=IMAGE`: the same strategic merge patch kubectl
 * sends, so only that container's image changes and a rollout starts.
 */
export async function setDeploymentImage(options: { namespace: string; name: string; container: string; image: string; dryRun?: boolean }) {
  const { apps } = requireKube();
  const current = await kubeCall(`read deployment ${options.name}`, () => apps.readNamespacedDeployment({ name: options.name, namespace: options.namespace }));
  const containers = current.spec?.template.spec?.containers ?? [];
  const target = containers.find((c) => c.name === options.container);
  if (!target) {
    throw new AppError("VALIDATION_FAILED", `deployment/${options.name} has no container "${options.container}" (it has: ${containers.map((c) => c.name).join(", ")}).`, {
      issues: [{ path: "input.container", message: `one of ${containers.map((c) => c.name).join(", ")}` }],
    });
  }
  const body = {
    spec: {
      template: {
        spec: {
          "$setElementOrder/containers": containers.map((c) => ({ name: c.name })),
          containers: [{ name: options.container, image: options.image }],
        },
      },
    },
  };
  await kubeWrite(`set image on deployment ${options.name}`, () =>
    apps.patchNamespacedDeployment(
      { name: options.name, namespace: options.namespace, body, fieldManager: "phoenix-ops-console", ...(options.dryRun ? { dryRun: "All" } : {}) },
      setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
    ),
  );
  return { container: options.container, from: target.image ?? null, to: options.image };
}
