// Watches as @kubernetes/client-node consumes them: line-delimited events, resume from a
// resourceVersion after the server closes the stream, 410 for an expired version, and a
// clean error when the server goes away mid-watch.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AppsV1Api, KubeConfig, PatchStrategy, setHeaderOptions, Watch } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "./server";

let sandbox: Sandbox;
let dir: string;
let kc: KubeConfig;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "phoenix-watch-"));
  sandbox = await startSandbox({ dir });
  kc = new KubeConfig();
  kc.loadFromFile(sandbox.kubeconfigPath);
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** As `kubectl scale` does: a merge patch on the scale subresource. */
async function scaleRedis(replicas: number) {
  const apps = kc.makeApiClient(AppsV1Api);
  await apps.patchNamespacedDeploymentScale(
    { name: "redis", namespace: "phoenix-system", body: { spec: { replicas } } },
    setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
  );
}

type Seen = { type: string; name: string; rv: string };

function watchPods(query: Record<string, string | number>, onEvent: (e: Seen) => void) {
  let finished: (err: unknown) => void = () => undefined;
  const done = new Promise<unknown>((resolve) => (finished = resolve));
  const started = new Watch(kc).watch(
    "/api/v1/namespaces/phoenix-system/pods",
    query,
    (type, obj: { metadata?: { name?: string; resourceVersion?: string }; code?: number }) =>
      onEvent({ type, name: obj.metadata?.name ?? String(obj.code), rv: obj.metadata?.resourceVersion ?? "" }),
    (err) => finished(err ?? null),
  );
  return { started, done };
}

describe("watch", { timeout: 60_000 }, () => {
  it("delivers changes as they happen, and resumes from the last version after the server closes the stream", async () => {
    const seen: Seen[] = [];
    const rv = sandbox.store.resourceVersion;
    const first = watchPods({ labelSelector: "app=redis", resourceVersion: rv, timeoutSeconds: 3 }, (e) => seen.push(e));
    void first.started; // client-node settles this only when the stream ends
    await new Promise((r) => setTimeout(r, 300));
    await scaleRedis(2);
    expect(await first.done).toBeNull(); // closed at timeoutSeconds, not an error
    const added = seen.filter((e) => e.type === "ADDED");
    expect(added.length).toBe(1);
    const last = seen[seen.length - 1]!.rv;

    // Changes made while no one watched are replayed from the last version seen.
    await scaleRedis(1);
    await new Promise((r) => setTimeout(r, 2000));
    const resumed: Seen[] = [];
    const second = watchPods({ labelSelector: "app=redis", resourceVersion: last, timeoutSeconds: 1 }, (e) => resumed.push(e));
    await second.done;
    expect(resumed.some((e) => e.type === "MODIFIED" || e.type === "DELETED")).toBe(true);
    expect(resumed.every((e) => Number(e.rv) > Number(last))).toBe(true);
  });

  it("starts with the current objects when no version is given", async () => {
    const seen: Seen[] = [];
    const w = watchPods({ labelSelector: "app=phoenix-api", timeoutSeconds: 1 }, (e) => seen.push(e));
    await w.done;
    expect(seen.filter((e) => e.type === "ADDED").length).toBeGreaterThanOrEqual(3);
    expect(seen.every((e) => e.name.startsWith("phoenix-api-"))).toBe(true);
  });

  it("answers 410 Expired for a version older than the history kept", async () => {
    const seen: Seen[] = [];
    const orig = sandbox.store.since.bind(sandbox.store);
    sandbox.store.since = () => undefined; // as if the history had been compacted past it
    try {
      const w = watchPods({ resourceVersion: "1" }, (e) => seen.push(e));
      await w.done;
    } finally {
      sandbox.store.since = orig;
    }
    expect(seen).toEqual([{ type: "ERROR", name: "410", rv: "" }]);
  });

  it("tells the watcher when the server goes away mid-watch", async () => {
    const other = await startSandbox({ dir: path.join(dir, "other") });
    const okc = new KubeConfig();
    okc.loadFromFile(other.kubeconfigPath);
    let finished: (err: unknown) => void = () => undefined;
    const done = new Promise<unknown>((resolve) => (finished = resolve));
    void new Watch(okc).watch("/api/v1/namespaces/phoenix-system/pods", {}, () => undefined, (err) => finished(err));
    await new Promise((r) => setTimeout(r, 300));
    await other.close();
    // The watcher is told (done is called) instead of hanging on a dead connection.
    const told = await Promise.race([done.then(() => "told"), new Promise((r) => setTimeout(() => r("hung"), 5000))]);
    expect(told).toBe("told");
  });
});
