import "server-only";
import { AppError } from "@/lib/errors";
import { listPods } from "./list-workloads";

const BROKEN = /BackOff|Err|Error|OOMKilled|Failed|Unknown/;

/**
 * Runbook 1.1's `kubectl get pod -n NS -l app=SERVICE -o jsonpath='{.items[0].status.phase}'`,
 * judged over all the service's pods: ok while at least one is ready and none is failing.
 */
export async function checkServicePods(options: { namespace: string; deployment: string }) {
  const pods = await listPods({ namespace: options.namespace, labelSelector: `app=${options.deployment}` });
  const ready = pods.filter((p) => p.ready.split("/")[0] === p.ready.split("/")[1] && p.status === "Running").length;
  const broken = pods.filter((p) => BROKEN.test(p.status));
  const summary = `${ready}/${pods.length} pods ready`;
  if (pods.length === 0) throw new AppError("DEPENDENCY_FAILED", `no pods match app=${options.deployment} in ${options.namespace}`, { dependency: "Kubernetes API" });
  if (ready === 0 || broken.length) {
    const reasons = [...new Set(broken.map((p) => p.status))].join(", ");
    throw new AppError("DEPENDENCY_FAILED", `${summary}${broken.length ? `; ${broken.length} ${reasons}` : ""}`, { dependency: "Kubernetes API" });
  }
  return { detail: `${summary} (${pods[0]!.phase})` };
}
