// Rollout status as kubectl reports it, followed through a watch against the sandbox, and
// compared line by line with the real `kubectl rollout status` watching the same rollout.
import { execFile } from "node:child_process";
import type { V1Deployment } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { useSandboxCluster } from "@/test/sandbox-cluster";
import { restartWorkload } from "./restart-workload";
import { type RolloutStatus, type RolloutTarget, deploymentRolloutStatus, getRolloutStatus, watchRollout } from "./rollout-status";
import { setDeploymentImage } from "./set-image";

const cluster = useSandboxCluster();

function kubectl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile("kubectl", args, { env: { ...process.env, KUBECONFIG: cluster.sandbox.kubeconfigPath, HOME: cluster.dir }, timeout: 60_000 }, (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout))),
  );
}

/** Follows a rollout (started after this call) until it completes or fails; returns every reading and any watch errors. */
async function follow(t: RolloutTarget, options: { timeoutSeconds?: number } = {}) {
  const seen: RolloutStatus[] = [];
  const errors: unknown[] = [];
  const abort = new AbortController();
  const done = new Promise<void>((resolve) => {
    void watchRollout(
      t,
      abort.signal,
      (s) => {
        seen.push(s);
        if (s.phase !== "waiting" && seen.some((x) => x.phase === "waiting")) {
          abort.abort();
          resolve();
        }
      },
      (err) => errors.push(err),
      options,
    );
  });
  return { seen, errors, done, abort };
}

const api: RolloutTarget = { namespace: "phoenix-system", kind: "Deployment", name: "phoenix-api" };

describe("rollout status", { timeout: 60_000 }, () => {
  it("reads kubectl's verdicts from a deployment's status", () => {
    const d = (generation: number, spec: number, status: Partial<NonNullable<V1Deployment["status"]>>): V1Deployment => ({ metadata: { name: "web", generation }, spec: { replicas: spec, selector: {}, template: {} }, status });
    expect(deploymentRolloutStatus(d(2, 3, { observedGeneration: 1 })).message).toBe("Waiting for deployment spec update to be observed...");
    expect(deploymentRolloutStatus(d(2, 3, { observedGeneration: 2, updatedReplicas: 1, replicas: 4 })).message).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(deploymentRolloutStatus(d(2, 3, { observedGeneration: 2, updatedReplicas: 3, replicas: 4, availableReplicas: 3 })).message).toBe('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
    expect(deploymentRolloutStatus(d(2, 3, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 })).message).toBe('Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...');
    expect(deploymentRolloutStatus(d(2, 3, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }))).toMatchObject({ phase: "complete", message: 'deployment "web" successfully rolled out' });
    const stalled = d(2, 3, { observedGeneration: 2, updatedReplicas: 1, conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }] });
    expect(deploymentRolloutStatus(stalled)).toMatchObject({ phase: "failed", message: 'deployment "web" exceeded its progress deadline' });
  });

  it("follows a restart to the end, seeing every line kubectl rollout status prints", async () => {
    const ours = await follow(api);
    await new Promise((r) => setTimeout(r, 200));
    await restartWorkload(api);
    const theirs = (await kubectl(["rollout", "status", "deployment/phoenix-api", "-n", "phoenix-system", "--timeout=60s"])).trim().split("\n");
    await ours.done;
    const messages = ours.seen.map((s) => s.message);
    expect(messages.at(-1)).toBe('deployment "phoenix-api" successfully rolled out');
    expect(theirs.at(-1)).toBe(messages.at(-1));
    for (const line of theirs) expect(messages).toContain(line);
    // The numbers behind the sentences only move forward within a rollout.
    const waiting = ours.seen.filter((s) => s.phase === "waiting" && s.message.includes("new replicas have been updated"));
    expect(waiting.map((s) => s.updated)).toEqual([...waiting.map((s) => s.updated)].sort());
    expect(ours.errors).toEqual([]);
  });

  it("keeps following across watches the server ends (re-opened from the last version)", async () => {
    const ours = await follow({ namespace: "phoenix-experiments", kind: "DaemonSet", name: "otel-collector" }, { timeoutSeconds: 1 });
    await restartWorkload({ namespace: "phoenix-experiments", kind: "DaemonSet", name: "otel-collector" });
    await ours.done;
    expect(ours.seen.some((s) => /Waiting for daemon set "otel-collector" rollout to finish: \d out of 3 new pods have been updated/.test(s.message))).toBe(true);
    expect(ours.seen.at(-1)).toMatchObject({ phase: "complete", message: 'daemon set "otel-collector" successfully rolled out', updated: 3, available: 3 });
    expect(ours.errors).toEqual([]);
  });

  it("reports a rollout that never becomes ready as failed once its progress deadline passes", async () => {
    await kubectl(["patch", "deployment", "config-generator", "-n", "phoenix-system", "-p", '{"spec":{"progressDeadlineSeconds":40}}']);
    const target: RolloutTarget = { namespace: "phoenix-system", kind: "Deployment", name: "config-generator" };
    const ours = await follow(target);
    await setDeploymentImage({ ...target, container: "generator", image: "ghcr.io/phoenix/platform/generator:v9-bad" });
    await ours.done;
    expect(ours.seen.at(-1)).toMatchObject({ phase: "failed", message: 'deployment "config-generator" exceeded its progress deadline', images: ["ghcr.io/phoenix/platform/generator:v9-bad"] });
    expect((await getRolloutStatus(target)).phase).toBe("failed");
  });

  it("names a workload that does not exist", async () => {
    await expect(getRolloutStatus({ namespace: "phoenix-system", kind: "Deployment", name: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
