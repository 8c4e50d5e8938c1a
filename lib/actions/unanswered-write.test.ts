// A write the cluster received but did not answer in time may have happened: its outcome is
// "unknown", never "failed", and what it really did is recorded when the answer comes.
import { readFileSync, writeFileSync } from "node:fs";
import { connect as connectTcp, createServer as createTcpServer } from "node:net";
import path from "node:path";
import { createServer as createTlsServer } from "node:tls";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetKubeClients } from "@/lib/ops/kube/client";
import { listAuditEvents } from "@/lib/audit/query-events";
import { seedPhoenixDatabase } from "@/sandbox/phoenix-db";
import { DEF } from "@/sandbox/world";
import { PEOPLE, refusal } from "@/test/actions";
import { useSandboxCluster } from "@/test/sandbox-cluster";
import { makeTestStore, TEST_POSTGRES_URL, type TestStore } from "@/test/stores";
import { runAction } from "./run-action";

/**
 * A link to PostgreSQL that, when told, passes a query to the server and drops its answer:
 * the query runs, the client never hears back (a network partition at the worst moment).
 */
async function stallingLink(target: URL) {
  const link = { stallAnswers: false, port: 0, close: () => new Promise((r) => server.close(r)) };
  const server = createTcpServer((client) => {
    const upstream = connectTcp(Number(target.port || 5432), target.hostname);
    let ready = false;
    let swallowing = false;
    client.on("data", (d: Buffer) => {
      // 'Q' (simple) or 'P' (extended) starts a query once the session is ready.
      if (link.stallAnswers && ready && (d[0] === 0x51 || d[0] === 0x50)) swallowing = true;
      upstream.write(d);
    });
    upstream.on("data", (d: Buffer) => {
      if (swallowing) return;
      // ReadyForQuery ('Z', length 5) ends the start-up.
      if (d.length >= 6 && d[d.length - 6] === 0x5a && d.readInt32BE(d.length - 5) === 5) ready = true;
      client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  link.port = (server.address() as { port: number }).port;
  return link;
}

const phoenixDb = `phoenix_unanswered_${Date.now()}`;
const phoenixDirect = (() => {
  const u = new URL(TEST_POSTGRES_URL);
  u.pathname = `/${phoenixDb}`;
  return u.toString();
})();
const phoenixLink = await stallingLink(new URL(TEST_POSTGRES_URL));
process.env.PHOENIX_DATABASE_URL = (() => {
  const u = new URL(phoenixDirect);
  u.host = `127.0.0.1:${phoenixLink.port}`;
  return u.toString();
})(); // read once, on the first action

const cluster = useSandboxCluster();
let t: TestStore;
beforeAll(async () => {
  t = await makeTestStore("postgres");
  await seedPhoenixDatabase(phoenixDirect);
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
afterAll(async () => {
  await phoenixLink.close();
  await t?.dispose();
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${phoenixDb} WITH (FORCE)`);
  await admin.end();
});

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

describe("a database write that gets no answer", () => {
  it("terminate backends whose answer never comes is unknown, though it did terminate them", async () => {
    const connect = async (application: string) => {
      const c = new pg.Client({ connectionString: phoenixDirect, application_name: application });
      c.on("error", () => undefined);
      await c.connect();
      return c;
    };
    const leaky = await Promise.all([connect("leaky-worker"), connect("leaky-worker")]);
    const pids = await Promise.all(leaky.map(async (c) => (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid));
    phoenixLink.stallAnswers = true;
    const err = await refusal(
      runAction({ id: "phoenix-db.terminate-backends", request: { input: { which: "idle", olderThanMinutes: 0 }, confirm: true, reason: "drill" }, actor: PEOPLE.sre, store: t.store }),
    );
    phoenixLink.stallAnswers = false;
    const events = (await listAuditEvents(t.store, { action: "phoenix-db.terminate-backends" }, { limit: 10 })).events;
    expect(events.map((e) => [e.outcome, e.error])).toEqual([
      ["unknown", "The Phoenix database did not answer in 5 s (pg_terminate_backend); it may have applied the change."],
      ["started", null],
    ]);
    expect(err.status).toBe(504);
    expect(err.message).toMatch(/Phoenix database did not answer in 5 s; the change may have been applied/);
    // The query reached the server and ran: the backends are gone.
    const check = await connect("phoenix-ops-console:test-check");
    expect((await check.query("SELECT pid FROM pg_stat_activity WHERE pid = ANY($1)", [pids])).rows).toEqual([]);
    await check.end();
    await Promise.all(leaky.map((c) => c.end().catch(() => undefined)));
  });
});
