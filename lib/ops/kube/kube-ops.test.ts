// lib/ops/kube against the sandbox cluster, through @kubernetes/client-node as in production.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { type Sandbox, startSandbox } from "@/sandbox/server";
import { DEF } from "@/sandbox/world";
import { resetKubeClients } from "./client";
import { drainNode, planDrain, setNodeCordon } from "./drain-node";
import { listEvents } from "./list-events";
import { cpuMillis, listNodes, memoryMiB } from "./list-nodes";
import { listPods, listWorkloads } from "./list-workloads";
import { previewRestart, restartWorkload } from "./restart-workload";
import { getDeploymentScale, scaleDeployment } from "./scale-deployment";
import { setDeploymentImage } from "./set-image";

let sandbox: Sandbox;
let dir: string;

function useKubeconfig(file: string) {
  process.env.KUBECONFIG = file;
  resetKubeClients();
}

/** The sandbox's kubeconfig pointed at another server address. */
function kubeconfigFor(server: string) {
  const file = path.join(dir, `kubeconfig-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, readFileSync(sandbox.kubeconfigPath, "utf8").replace(/server: .*/, `server: ${server}`));
  return file;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "phoenix-kube-ops-"));
  sandbox = await startSandbox({ dir });
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
  delete process.env.KUBECONFIG;
  resetKubeClients();
});

describe("cluster operations against the sandbox", () => {
  it("lists workloads with their rollout state, and pods by label", async () => {
    useKubeconfig(sandbox.kubeconfigPath);
    const workloads = await listWorkloads({ namespace: "phoenix-system" });
    expect(workloads.map((w) => w.name)).toEqual(["config-generator", "experiment-controller", "pgbouncer", "phoenix-api", "postgres", "redis"]);
    expect(workloads.find((w) => w.name === "phoenix-api")).toMatchObject({ kind: "Deployment", desired: 3, ready: 3, updated: 3, state: "healthy", revision: "1", images: ["ghcr.io/phoenix/platform/api:v2.3.1"] });
    const collectors = await listWorkloads({ namespace: "phoenix-experiments" });
    expect(collectors).toEqual([expect.objectContaining({ kind: "DaemonSet", name: "otel-collector", desired: 3, ready: 3 })]);
    const pods = await listPods({ namespace: "phoenix-system", labelSelector: "app=phoenix-api" });
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.status === "Running" && p.ready === "1/1" && p.node?.startsWith("phoenix-node-"))).toBe(true);
    // kubectl top pods, joined in.
    expect(pods.every((p) => p.cpuMillis! > 0 && p.memoryMiB! > 0)).toBe(true);
  });

  it("previews a restart with a server-side dry run that changes nothing, then restarts", async () => {
    useKubeconfig(sandbox.kubeconfigPath);
    const ref = { namespace: "phoenix-system", kind: "Deployment" as const, name: "config-generator" };
    const before = await listWorkloads({ namespace: "phoenix-system" });
    const { pods } = await previewRestart(ref);
    expect(pods.map((p) => p.owner?.startsWith("config-generator-"))).toEqual([true]);
    expect((await listWorkloads({ namespace: "phoenix-system" })).find((w) => w.name === "config-generator")!.revision).toBe(before.find((w) => w.name === "config-generator")!.revision);

    await restartWorkload(ref);
    await expect.poll(async () => (await listWorkloads({ namespace: "phoenix-system" })).find((w) => w.name === "config-generator"), { timeout: 15_000 }).toMatchObject({ revision: "2", state: "healthy" });
  });

  it("restarts a daemonset node by node", async () => {
    useKubeconfig(sandbox.kubeconfigPath);
    const before = (await listPods({ namespace: "phoenix-experiments", labelSelector: "app=otel-collector" })).map((p) => p.name);
    await restartWorkload({ namespace: "phoenix-experiments", kind: "DaemonSet", name: "otel-collector" });
    await expect
      .poll(async () => {
        const now = await listPods({ namespace: "phoenix-experiments", labelSelector: "app=otel-collector" });
        return now.filter((p) => p.status === "Running" && !before.includes(p.name)).length;
      }, { timeout: 30_000 })
      .toBe(3);
  });

  it("scales through the scale subresource; a dry run changes nothing", async () => {
    useKubeconfig(sandbox.kubeconfigPath);
    const ref = { namespace: "phoenix-system", name: "redis" };
    expect(await getDeploymentScale(ref)).toEqual({ replicas: 1, current: 1 });
    await scaleDeployment({ ...ref, replicas: 2, dryRun: true });
    expect((await getDeploymentScale(ref)).replicas).toBe(1);
    await scaleDeployment({ ...ref, replicas: 2 });
    await expect.poll(async () => (await listPods({ namespace: "phoenix-system", labelSelector: "app=redis" })).filter((p) => p.status === "Running").length, { timeout: 10_000 }).toBe(2);
  });

  it("lists nodes with readiness, cordons and usage, and events newest first", async () => {
    useKubeconfig(sandbox.kubeconfigPath);
    sandbox.world.setScenario("node-notready", true);
    const nodes = await listNodes();
    expect(nodes.map((n) => [n.name, n.ready, n.schedulable])).toEqual([
      ["phoenix-node-1", true, true],
      ["phoenix-node-2", true, true],
      ["phoenix-node-3", false, true],
    ]);
    expect(nodes[2]!.readyReason).toBe("NodeStatusUnknown");
    expect(nodes[0]!.cpu.allocatableMillis).toBe(7800);
    expect(nodes[0]!.memory.allocatableMiB).toBe(31 * 1024);
    expect(nodes[0]!.cpu.usedMillis).toBeGreaterThan(0);
    // "Allocated resources" as kubectl describe node sums them: the requests of the node's pods.
    const onNode1 = sandbox.store.list(DEF.pods).filter((p) => p.spec.nodeName === "phoenix-node-1" && !p.metadata.deletionTimestamp);
    const requests = onNode1.flatMap((p) => p.spec.containers.map((c: { resources?: { requests?: { cpu?: string; memory?: string } } }) => c.resources?.requests ?? {}));
    expect(nodes[0]!.cpu.requestedMillis).toBe(requests.reduce((n, r) => n + cpuMillis(r.cpu), 0));
    expect(nodes[0]!.memory.requestedMiB).toBe(requests.reduce((n, r) => n + memoryMiB(r.memory), 0));
    expect(nodes[0]!.cpu.requestedMillis).toBeGreaterThan(500);
    sandbox.world.setScenario("node-notready", false);
    const events = await listEvents({ namespace: "phoenix-system", limit: 5 });
    expect(events).toHaveLength(5);
    expect(events.map((e) => e.lastSeen!)).toEqual([...events.map((e) => e.lastSeen!)].sort().reverse());
    expect(events.some((e) => e.reason === "ScalingReplicaSet" || e.reason === "Scheduled" || e.reason === "Started" || e.reason === "Killing")).toBe(true);
  });

  it("sets one container's image like kubectl set image; a dry run changes nothing; a wrong container is named", async () => {
    useKubeconfig(sandbox.kubeconfigPath);
    const ref = { namespace: "phoenix-staging", name: "phoenix-api", container: "api" };
    const dry = await setDeploymentImage({ ...ref, image: "ghcr.io/phoenix/platform/api:v2.4.0", dryRun: true });
    expect(dry).toEqual({ container: "api", from: "ghcr.io/phoenix/platform/api:v2.4.0-rc.1", to: "ghcr.io/phoenix/platform/api:v2.4.0" });
    expect((await listWorkloads({ namespace: "phoenix-staging" })).find((w) => w.name === "phoenix-api")!.images).toEqual(["ghcr.io/phoenix/platform/api:v2.4.0-rc.1"]);
    await setDeploymentImage({ ...ref, image: "ghcr.io/phoenix/platform/api:v2.4.0" });
    await expect
      .poll(async () => (await listWorkloads({ namespace: "phoenix-staging" })).find((w) => w.name === "phoenix-api"), { timeout: 15_000 })
      .toMatchObject({ images: ["ghcr.io/phoenix/platform/api:v2.4.0"], revision: "2", state: "healthy" });
    const wrong = await failure(setDeploymentImage({ ...ref, container: "sidecar", image: "x:1" }));
    expect(wrong).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(wrong.message).toMatch(/no container "sidecar" \(it has: api\)/);
  });

  it("plans and drains a node: daemonset pods stay, the rest are evicted within their budgets and rescheduled", async () => {
    useKubeconfig(sandbox.kubeconfigPath);
    const plan = await planDrain({ node: "phoenix-node-1" });
    expect(plan.skipped.map((s) => s.reason)).toContain("DaemonSet-managed (stays)");
    expect(plan.evict.length).toBeGreaterThan(0);
    const result = await drainNode({ node: "phoenix-node-1", deadlineMs: 30_000 });
    expect(result.blocked).toEqual([]);
    expect(result.evicted.sort()).toEqual(plan.evict.map((p) => `${p.namespace}/${p.name}`).sort());
    expect((await listNodes()).find((n) => n.name === "phoenix-node-1")!.schedulable).toBe(false);
    await expect
      .poll(async () => (await planDrain({ node: "phoenix-node-1" })).evict.length, { timeout: 15_000 })
      .toBe(0);
    await setNodeCordon({ node: "phoenix-node-1", cordon: false });
    expect((await listNodes()).find((n) => n.name === "phoenix-node-1")!.schedulable).toBe(true);
  });

  it("reads quantities as kubectl prints them", () => {
    expect([cpuMillis("250m"), cpuMillis("2"), cpuMillis("1500000n")]).toEqual([250, 2000, 1.5]);
    expect([memoryMiB("256Mi"), memoryMiB("2Gi"), memoryMiB("1048576Ki"), memoryMiB("1048576")]).toEqual([256, 2048, 1024, 1]);
  });

  it("answers typed errors: not found, refused by the cluster, unreachable, timed out", async () => {
    useKubeconfig(sandbox.kubeconfigPath);
    const missing = await failure(getDeploymentScale({ namespace: "phoenix-system", name: "no-such-app" }));
    expect(missing).toMatchObject({ code: "NOT_FOUND", details: { dependency: "Kubernetes API" } });
    expect(missing.message).toMatch(/deployments.apps "no-such-app" not found/);

    useKubeconfig(path.join(dir, "bad-token"));
    writeFileSync(path.join(dir, "bad-token"), readFileSync(sandbox.kubeconfigPath, "utf8").replace(/token: .*/, "token: not-a-valid-token"));
    resetKubeClients();
    expect(await failure(listPods({ namespace: "phoenix-system" }))).toMatchObject({ code: "DEPENDENCY_REFUSED", status: 502 });

    const closed = createServer();
    const port = await new Promise<number>((r) => closed.listen(0, "127.0.0.1", () => r((closed.address() as { port: number }).port)));
    await new Promise((r) => closed.close(r));
    useKubeconfig(kubeconfigFor(`https://127.0.0.1:${port}`));
    const down = await failure(listPods({ namespace: "phoenix-system" }));
    expect(down).toMatchObject({ code: "DEPENDENCY_FAILED", details: { dependency: "Kubernetes API" } });
    expect(down.message).toMatch(/ECONNREFUSED|connect/);

    // A server that accepts and never answers: the call gives up at its timeout.
    const sockets: Socket[] = [];
    const hung: Server = createServer((s) => void sockets.push(s));
    const hungPort = await new Promise<number>((r) => hung.listen(0, "127.0.0.1", () => r((hung.address() as { port: number }).port)));
    useKubeconfig(kubeconfigFor(`https://127.0.0.1:${hungPort}`));
    const started = Date.now();
    const slow = await failure(listPods({ namespace: "phoenix-system" }));
    expect(slow.code).toBe("DEPENDENCY_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(7000);
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => hung.close(r));
  });
});
