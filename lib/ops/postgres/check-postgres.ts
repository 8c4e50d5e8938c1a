import "server-only";
import pg from "pg";
import { withTimeout } from "../timeout";

/** Runbook 1.1's `pg_isready` plus `SELECT 1`: the server accepts a connection and answers. */
export async function checkPostgres(options: { url: string; timeoutMs: number }) {
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: options.timeoutMs,
    query_timeout: options.timeoutMs,
    application_name: "phoenix-ops-console:health",
  });
  client.on("error", () => undefined); // a late socket error after the deadline is not ours to raise
  try {
    return await withTimeout(
      "PostgreSQL",
      options.timeoutMs,
      async () => {
        await client.connect();
        const { rows } = await client.query<{ one: number; version: string }>(
          "SELECT 1 AS one, current_setting('server_version') AS version",
        );
        return { detail: `SELECT 1 → ${rows[0]?.one}; server ${rows[0]?.version}` };
      },
      () => void client.end().catch(() => undefined),
    );
  } finally {
    void client.end().catch(() => undefined);
  }
}
