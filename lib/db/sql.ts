// A minimal SQL session over either driver, for what Prisma cannot do: multi-statement
// migration scripts and session-scoped work under an advisory lock.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export type Sql = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(script: string): Promise<void>;
};

export type SqlSession = {
  /** Runs fn inside one transaction; rolls back if it throws. */
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
};

export function pgliteSession(db: PGlite): SqlSession {
  return {
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async (text, params) => (await tx.query(text, params)).rows as never,
          exec: async (script) => void (await tx.exec(script)),
        }),
      ),
  };
}

export function pgSession(pool: pg.Pool): SqlSession {
  return {
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn({
          query: async (text, params) => (await client.query(text, params as unknown[])).rows,
          exec: async (script) => void (await client.query(script)),
        });
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}
