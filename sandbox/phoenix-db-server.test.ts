// The embedded Phoenix database of `npm run dev`: PGlite on the wire protocol, seeded, and
// answering the runbooks' queries through the same `pg` client code, several at once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONNECTIONS_BY_APP_SQL, FAILURE_PATTERNS_SQL, readOnlyQuery, RECENT_FAILURES_SQL } from "@/lib/ops/postgres/phoenix-queries";
import { startPhoenixDb } from "./phoenix-db-server";

describe("the embedded Phoenix database", () => {
  it("serves the seeded history to concurrent clients, and starts fresh each time", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "phoenix-db-"));
    try {
      let db = await startPhoenixDb({ dataDir: dir });
      const [recent, patterns, apps] = await Promise.all([
        readOnlyQuery(db.url, RECENT_FAILURES_SQL, 5000),
        readOnlyQuery(db.url, FAILURE_PATTERNS_SQL, 5000),
        readOnlyQuery(db.url, CONNECTIONS_BY_APP_SQL, 5000),
      ]);
      expect(recent.rows).toHaveLength(12);
      expect(patterns.rows[0]).toEqual(['pipeline config rejected: unknown processor "batch/v2"', "8"]);
      expect(apps.columns).toEqual(["application_name", "connection_count"]);
      await db.close();
      db = await startPhoenixDb({ dataDir: dir });
      expect((await readOnlyQuery(db.url, "SELECT count(*) FROM experiments", 5000)).rows).toEqual([["138"]]);
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
