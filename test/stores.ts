// Both kinds of console store, fresh for each test file: PGlite in a temp directory and a
// new database on the PostgreSQL server (TEST_POSTGRES_URL, default 127.0.0.1:5432).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openStore, type Store } from "@/lib/db/store";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestStore = { store: Store; superuserSql(text: string): Promise<void>; dispose(): Promise<void> };

export const STORE_KINDS = ["pglite", "postgres"] as const;

export async function makeTestStore(kind: (typeof STORE_KINDS)[number]): Promise<TestStore> {
  // Each store has its own audit anchor directory, as each console deployment does.
  const anchors = mkdtempSync(path.join(tmpdir(), "phoenix-anchors-"));
  if (kind === "pglite") {
    const dir = mkdtempSync(path.join(tmpdir(), "phoenix-store-"));
    const store = await openStore({ dataDir: dir, auditAnchorDir: anchors });
    return {
      store,
      superuserSql: (text) => store.sql.transaction((sql) => sql.exec(text)), // PGlite runs as a superuser
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
        rmSync(anchors, { recursive: true, force: true });
      },
    };
  }
  const name = `phoenix_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString(), auditAnchorDir: anchors });
  return {
    store,
    superuserSql: async (text) => {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      try {
        await c.query(text);
      } finally {
        await c.end();
      }
    },
    dispose: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(anchors, { recursive: true, force: true });
    },
  };
}
