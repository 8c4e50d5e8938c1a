// A write the cluster received but did not answer in time may have happened: its outcome is
// "unknown", never "failed", and what it really did is recorded when the answer comes.
import { readFileSync, writeFileSync } from "node:fs";
import { createServer as createTcpServer } from "node:net";
import path from "node:path";
import { createServer as createTlsServer } from "node:tls";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetKubeClients } from "@/lib/ops/kube/client";
import { listAuditEvents } from "@/lib/audit/query-events";
import { DEF } from "@/sandbox/world";
import { PEOPLE, refusal } from "@/test/actions";
import { useSandboxCluster } from "@/test/sandbox-cluster";
import { makeTestStore, type TestStore } from "@/test/stores";
import { runAction } from "./run-action";

const cluster = useSandboxCluster();
let t: TestStore;
beforeAll(async () => {
  t = await makeTestStore("postgres");
});
afterEach(() => {
  cluster.sandbox?.resume();
  useCluster(cluster.sandbox.kubeconfigPath);
});

function useCluster(kubeconfig: string) {
  process.env.KUBECONFIG = kubeconfig;
  resetKubeClients();
}

/** The sandbox's kubeconfig, pointed at another address (same CA and token). */
function kubeconfigFor(port: number) {
  const file = path.join(cluster.dir, `kubeconfig-${port}`);
  writeFileSync(file, readFileSync(cluster.sandbox.kubeconfigPath, "utf8").replace(/server: .*/, `server: https://127.0.0.1:${port}`));
  return file;
}
afterAll(async () => t?.dispose());

const cordoned = (node: string) => cluster.sandbox.store.get(DEF.nodes, undefined, node)!.spec?.unschedulable === true;
const outcomes = async (target: string) =>
  (await listAuditEvents(t.store, { action: "cluster.cordon" }, { limit: 50 })).events.filter((e) => e.target === target).map((e) => [e.outcome, e.error]);

describe("a cluster write that gets no answer", () => {
  it("is recorded unknown (not failed) while the cluster's writes hang, then ok once it applies", async () => {
    // Reads answer (kubectl cordon reads the node first); the patch is received and held.
    cluster.sandbox.pause({ writes: true });
    const err = await refusal(runAction({ id: "cluster.cordon", request: { input: { node: "phoenix-node-3", cordon: true } }, actor: PEOPLE.sre, store: t.store }));
    expect(await outcomes("node/phoenix-node-3")).toEqual([
      ["unknown", expect.stringMatching(/^The Kubernetes API did not answer in 5 s \(cordon phoenix-node-3\); it may have applied the change\./)],
      ["started", null],
    ]);
    expect(err.status).toBe(504);
    expect(err.code).toBe("DEPENDENCY_TIMEOUT");
    expect(err.message).toMatch(/Kubernetes API did not answer in 5 s; the change may have been applied/);
    expect(cordoned("phoenix-node-3")).toBe(false);

    cluster.sandbox.resume();
    await expect.poll(() => cordoned("phoenix-node-3"), { timeout: 5000 }).toBe(true);
    // The answer arrives after the timeout: what happened is recorded then.
    await expect.poll(async () => (await outcomes("node/phoenix-node-3"))[0], { timeout: 5000 }).toEqual(["ok", "The Kubernetes API answered after the timeout: cordon phoenix-node-3 was applied."]);
  });

  it("stays unknown for a drain whose cordon answers late: its evictions never ran", async () => {
    cluster.sandbox.pause({ writes: true });
    const err = await refusal(runAction({ id: "cluster.drain", request: { input: { node: "phoenix-node-2" }, confirm: true, reason: "drill" }, actor: PEOPLE.sre, store: t.store }));
    expect(err.status).toBe(504);
    cluster.sandbox.resume();
    await expect.poll(() => cordoned("phoenix-node-2"), { timeout: 5000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    const drain = (await listAuditEvents(t.store, { action: "cluster.drain" }, { limit: 10 })).events.map((e) => [e.outcome, e.error]);
    expect(drain).toEqual([
      ["unknown", "The Kubernetes API did not answer in 5 s (cordon phoenix-node-2); it may have applied the change."],
      ["started", null],
    ]);
  });

  it("stays failed when the cluster stops answering before the write is sent", async () => {
    cluster.sandbox.pause();
    const err = await refusal(runAction({ id: "cluster.cordon", request: { input: { node: "phoenix-node-1", cordon: true } }, actor: PEOPLE.sre, store: t.store }));
    expect(err.status).toBe(504);
    expect((await outcomes("node/phoenix-node-1"))[0]).toEqual(["failed", "read node phoenix-node-1: the cluster did not answer within 5000 ms"]);
    cluster.sandbox.resume();
    await new Promise((r) => setTimeout(r, 300));
    expect(cordoned("phoenix-node-1")).toBe(false);
  });

  it("stays failed when the cluster answered and refused (nothing was applied)", async () => {
    const err = await refusal(runAction({ id: "cluster.cordon", request: { input: { node: "phoenix-node-9", cordon: true } }, actor: PEOPLE.sre, store: t.store }));
    expect(err.status).toBe(404);
    expect((await outcomes("node/phoenix-node-9"))[0]).toEqual(["failed", expect.stringMatching(/not found/)]);
  });

  it("is unknown when the connection drops after the request was sent", async () => {
    // An API server that answers reads and dies on a write before answering it.
    const pki = path.join(cluster.dir, "pki");
    const node = JSON.stringify({ kind: "Node", apiVersion: "v1", metadata: { name: "phoenix-node-1" }, spec: {} });
    const dying = createTlsServer({ cert: readFileSync(path.join(pki, "server.crt")), key: readFileSync(path.join(pki, "server.key")) }, (s) =>
      s.on("data", (chunk: Buffer) => {
        if (chunk.toString("latin1").startsWith("GET ")) s.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${node.length}\r\n\r\n${node}`);
        else s.destroy();
      }),
    );
    const port = await new Promise<number>((r) => dying.listen(0, "127.0.0.1", () => r((dying.address() as { port: number }).port)));
    try {
      useCluster(kubeconfigFor(port));
      const err = await refusal(runAction({ id: "cluster.cordon", request: { input: { node: "phoenix-node-1", cordon: true } }, actor: PEOPLE.sre, store: t.store }));
      expect(err.status).toBe(504);
      expect(err.message).toMatch(/Kubernetes API dropped the connection before answering; the change may have been applied/);
      expect((await outcomes("node/phoenix-node-1"))[0]).toEqual(["unknown", expect.stringMatching(/dropped the connection before answering \(cordon phoenix-node-1\)/)]);
    } finally {
      await new Promise((r) => dying.close(r));
    }
  });

  it("is failed when the request never left (connection refused)", async () => {
    const closed = createTcpServer();
    const port = await new Promise<number>((r) => closed.listen(0, "127.0.0.1", () => r((closed.address() as { port: number }).port)));
    await new Promise((r) => closed.close(r));
    useCluster(kubeconfigFor(port));
    const err = await refusal(runAction({ id: "cluster.cordon", request: { input: { node: "phoenix-node-2", cordon: true } }, actor: PEOPLE.sre, store: t.store }));
    expect(err.status).toBe(502);
    expect((await outcomes("node/phoenix-node-2"))[0]).toEqual(["failed", expect.stringMatching(/ECONNREFUSED/)]);
  });
});
