// Route handlers as Next calls them, on both kinds of store: what a caller sees and what the
// audit log keeps. Bad input is a 4xx in the JSON envelope, never a 500.
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as auditPage } from "@/app/api/audit/route";
import { GET as auditExport } from "@/app/api/audit/export/route";
import { GET as alerts } from "@/app/api/alerts/route";
import { POST as startRun } from "@/app/api/runbooks/[id]/runs/route";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { listAuditEvents } from "@/lib/audit/query-events";
import { openStore } from "@/lib/db/store";
import { issueToken } from "@/lib/tokens/api-tokens";
import { call, serveStore } from "@/test/routes";
import { makeTestStore, STORE_KINDS, TEST_POSTGRES_URL, type TestStore } from "@/test/stores";

describe.each(STORE_KINDS)("API routes on %s", (kind) => {
  let t: TestStore;
  let sreToken: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await makeTestStore(kind);
    serveStore(t.store);
    sreToken = (await issueToken(t.store, { name: "ci", role: "sre", expiresInDays: 1 }, "admin@phoenix.local")).token;
    auth = { authorization: `Bearer ${sreToken}` };
  });
  afterAll(async () => t?.dispose());

  it("never stores a secret passed in the query string in the token's audit record", async () => {
    const secret = "phx_leakedLeakedLeaked";
    const res = await call(alerts, { path: `/api/alerts?token=${secret}&access_token=abc123&password=hunter2&kind=x`, headers: auth });
    expect(res.status).toBe(200);
    const [use] = (await listAuditEvents(t.store, { action: "api.token" }, { limit: 1 })).events;
    expect(use!.target).toMatch(/^GET \/api\/alerts\?/);
    expect(use!.target).not.toContain(secret);
    expect(use!.target).not.toContain("abc123");
    expect(use!.target).not.toContain("hunter2");
    expect(use!.target).toContain("kind=x");
  });

  it.each([
    ["from", "/api/audit?from=0000-01-01T00:00:00Z", auditPage],
    ["to", "/api/audit?to=0000-01-01T00:00:00Z", auditPage],
    ["from", "/api/audit?from=-271821-04-20T00:00:00Z", auditPage],
    ["to", "/api/audit/export?format=csv&to=0000-12-31T23:59:59Z", auditExport],
    ["from", "/api/audit/export?format=json&from=0000-01-01T00:00:00%2B14:00", auditExport],
  ])("answers a date the store cannot hold with a 422 naming %s (%s)", async (field, path, handler) => {
    const res = await call(handler, { path, headers: auth });
    expect(res.status).toBe(422);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual([field]);
  });

  it("still takes any date the store can hold", async () => {
    const res = await call(auditPage, { path: "/api/audit?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z", headers: auth });
    expect(res.status).toBe(200);
  });

  it("treats % and _ in a filter as themselves, not as wildcards", async () => {
    for (const actor of ["ops@phoenix.local", "a_b@phoenix.local", "100%@phoenix.local"]) {
      await appendAuditEvent(t.store, { actionId: crypto.randomUUID(), stage: "outcome", actor, action: "like.test", outcome: "ok" });
    }
    const actors = async (q: string) => {
      const res = await call(auditPage, { path: `/api/audit?action=like.test&actor=${encodeURIComponent(q)}`, headers: auth });
      expect(res.status).toBe(200);
      return res.json.events.map((e: { actor: string }) => e.actor).sort();
    };
    expect(await actors("%")).toEqual(["100%@phoenix.local"]);
    expect(await actors("_")).toEqual(["a_b@phoenix.local"]);
    expect(await actors("a_b")).toEqual(["a_b@phoenix.local"]);
    expect(await actors("\\")).toEqual([]);
    const byAction = await call(auditPage, { path: "/api/audit?action=like_", headers: auth });
    expect(byAction.json.events).toEqual([]);
    const exported = await call(auditExport, { path: "/api/audit/export?format=json&actor=%25", headers: auth });
    expect(exported.status).toBe(200);
    expect(JSON.parse(exported.text).map((e: { actor: string }) => e.actor)).toEqual(["100%@phoenix.local"]);
  });

  it.each([
    ["NUL", "bad\u0000"],
    ["a lone surrogate", "bad\ud800"],
  ])("answers a deeply nested alert holding %s with a 422", async (_what, bad) => {
    let alert: Record<string, unknown> = { summary: bad };
    for (let i = 0; i < 55; i++) alert = { nested: alert };
    const res = await call(startRun, {
      method: "POST",
      path: "/api/runbooks/1.1-quick-health-check/runs",
      params: { id: "1.1-quick-health-check" },
      headers: auth,
      body: { alert },
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("an API token while the store is down", () => {
  it("answers 503 in the envelope, as a session does", async () => {
    const t = await makeTestStore("postgres");
    // The store reached through a TCP relay that the test then shuts: the server is "gone".
    const sockets = new Set<Socket>();
    const target = new URL(TEST_POSTGRES_URL);
    const relay = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));
    try {
      const token = (await issueToken(t.store, { name: "ci", role: "sre", expiresInDays: 1 }, "admin@phoenix.local")).token;
      const rows = await t.store.prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
      const url = new URL(TEST_POSTGRES_URL);
      url.host = `127.0.0.1:${(relay.address() as AddressInfo).port}`;
      url.pathname = `/${rows[0]!.db}`;
      const relayed = await openStore({ databaseUrl: url.toString() });
      serveStore(relayed);
      expect((await call(alerts, { path: "/api/alerts", headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

      await new Promise((r) => {
        relay.close(r);
        sockets.forEach((s) => s.destroy());
      });
      const res = await call(alerts, { path: "/api/alerts", headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe("STORE_UNAVAILABLE");
      await relayed.close();
    } finally {
      await t.dispose();
    }
  });
});
