import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestStore, STORE_KINDS, type TestStore } from "@/test/stores";
import { migrate, readMigrations } from "./migrate";

describe.each(STORE_KINDS)("migrator on %s", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore(kind); // opening a store migrates it
  });
  afterAll(async () => t?.dispose());

  it("records every migration in _prisma_migrations as prisma migrate deploy does", async () => {
    const files = await readMigrations();
    const rows = await t.store.sql.transaction((sql) =>
      sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
      ),
    );
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
  });

  it("applies nothing twice, even when replicas boot together", async () => {
    const results = await Promise.all([migrate(t.store.sql), migrate(t.store.sql), migrate(t.store.sql)]);
    expect(results).toEqual([[], [], []]);
  });

  it("applies a new migration once and refuses one edited after it was applied", async () => {
    const files = await readMigrations();
    const extra = { name: "29990101000000_probe", sql: `CREATE TABLE "probe" (id int);`, checksum: "a".repeat(64) };
    expect(await migrate(t.store.sql, [...files, extra])).toEqual(["29990101000000_probe"]);
    expect(await migrate(t.store.sql, [...files, extra])).toEqual([]);
    await expect(migrate(t.store.sql, [...files, { ...extra, checksum: "b".repeat(64) }])).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls back a migration that fails, leaving no record of it", async () => {
    const files = await readMigrations();
    const bad = { name: "29990102000000_bad", sql: `CREATE TABLE "half" (id int); SELECT no_such_function();`, checksum: "c".repeat(64) };
    await expect(migrate(t.store.sql, [...files, bad])).rejects.toThrow();
    const rows = await t.store.sql.transaction((sql) =>
      sql.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990102000000_bad' UNION ALL SELECT 1 FROM pg_tables WHERE tablename = 'half'`),
    );
    expect(rows).toEqual([]);
  });
});
