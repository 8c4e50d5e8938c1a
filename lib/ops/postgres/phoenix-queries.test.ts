// Runbooks 2.2 and 2.3 against a real PostgreSQL: the seed's queries over a seeded Phoenix
// database, and terminating backends — exactly the listed ones, never the console's own.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPhoenixDatabase } from "@/sandbox/phoenix-db";
import { TEST_POSTGRES_URL } from "@/test/stores";
import { CONNECTIONS_BY_APP_SQL, FAILURE_PATTERNS_SQL, listBackends, readOnlyQuery, RECENT_FAILURES_SQL, terminateBackends } from "./phoenix-queries";

const name = `phoenix_q_${Date.now()}`;
const url = (() => {
  const u = new URL(TEST_POSTGRES_URL);
  u.pathname = `/${name}`;
  return u.toString();
})();
const leaks: pg.Client[] = [];

beforeAll(async () => {
  await seedPhoenixDatabase(url);
});
afterAll(async () => {
  await Promise.all(leaks.map((c) => c.end().catch(() => undefined)));
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe("the Phoenix database as runbooks 2.2 and 2.3 query it", () => {
  it("lists the last hour's failures and groups them by message", async () => {
    const recent = await readOnlyQuery(url, RECENT_FAILURES_SQL, 5000);
    expect(recent.columns).toEqual(["id", "name", "state", "error_message", "updated_at"]);
    expect(recent.rows).toHaveLength(12);
    expect(recent.rows.every((r) => r[2] === "failed")).toBe(true);
    const patterns = await readOnlyQuery(url, FAILURE_PATTERNS_SQL, 5000);
    expect(patterns.rows[0]).toEqual(['pipeline config rejected: unknown processor "batch/v2"', "8"]);
    expect(patterns.rows.slice(1).sort()).toEqual([
      ["quota exceeded: pods in phoenix-experiments", "2"],
      ["timeout waiting for collector to become ready", "2"],
    ]);
  });

  it("runs the seed's queries read-only", async () => {
    await expect(readOnlyQuery(url, "DELETE FROM experiments", 5000)).rejects.toThrow(/read-only transaction/);
    expect((await readOnlyQuery(url, "SELECT count(*) FROM experiments", 5000)).rows[0]![0]).toBe("138");
  });

  it("lists idle backends and terminates exactly those, leaving its own session alone", async () => {
    for (let i = 0; i < 3; i++) {
      const c = new pg.Client({ connectionString: url, application_name: "leaky-worker" });
      c.on("error", () => undefined);
      await c.connect();
      await c.query("SELECT 1");
      leaks.push(c);
    }
    const pids = (await Promise.all(leaks.map(async (c) => (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid))).sort((a, b) => a - b);
    await new Promise((r) => setTimeout(r, 200));
    const listed = await listBackends(url, { which: "idle", olderThanMinutes: 0 }, 5000);
    expect(listed.filter((b) => b.application === "leaky-worker").map((b) => b.pid)).toEqual(pids);
    expect(listed.some((b) => b.application?.startsWith("phoenix-ops-console"))).toBe(false);
    expect(await listBackends(url, { which: "idle", olderThanMinutes: 5 }, 5000)).toEqual([]);

    const { terminated } = await terminateBackends(url, { which: "idle", olderThanMinutes: 0 }, 5000);
    expect(terminated.filter((b) => b.application === "leaky-worker").map((b) => b.pid)).toEqual(pids);
    await new Promise((r) => setTimeout(r, 200));
    const apps = await readOnlyQuery(url, CONNECTIONS_BY_APP_SQL, 5000);
    expect(apps.rows.some((r) => r[0] === "leaky-worker")).toBe(false);
  });
});
