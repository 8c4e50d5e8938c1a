import "server-only";
// The Phoenix database as the runbooks query it (2.2, 2.3): the seed's SQL, run read-only
// with a statement timeout, and the one write they make — terminating backends — always
// listing exactly which first, never touching the console's own connections.
import pg from "pg";
import { AppError } from "@/lib/errors";
import { withTimeout } from "../timeout";

export const PHOENIX_DB = "Phoenix database";
const APP = "phoenix-ops-console:runbook";

export type Rows = { columns: string[]; rows: (string | number | null)[][] };

const cellOf = (v: unknown): string | number | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : typeof v === "number" ? v : String(v));

async function withClient<T>(url: string, timeoutMs: number, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, application_name: APP });
  client.on("error", () => undefined);
  try {
    return await withTimeout(PHOENIX_DB, timeoutMs, async () => {
      await client.connect();
      return work(client);
    }, () => void client.end().catch(() => undefined));
  } finally {
    void client.end().catch(() => undefined);
  }
}

/** One of the seed's SELECTs, in a READ ONLY transaction under a statement timeout. */
export async function readOnlyQuery(url: string, sql: string, timeoutMs: number, params: unknown[] = []): Promise<Rows> {
  return withClient(url, timeoutMs, async (c) => {
    await c.query("BEGIN READ ONLY");
    try {
      await c.query(`SET LOCAL statement_timeout = ${Math.max(100, Math.floor(timeoutMs))}`);
      const res = await c.query({ text: sql, values: params, rowMode: "array" });
      return { columns: res.fields.map((f) => f.name), rows: (res.rows as unknown[][]).map((r) => r.map(cellOf)) };
    } finally {
      await c.query("ROLLBACK").catch(() => undefined);
    }
  });
}

/** Runbook 2.2 step 1 and 2, as the seed wrote them. */
export const RECENT_FAILURES_SQL = `SELECT id, name, state, error_message, updated_at
FROM experiments
WHERE state = 'failed'
  AND updated_at > NOW() - INTERVAL '1 hour'
ORDER BY updated_at DESC
LIMIT 20`;

export const FAILURE_PATTERNS_SQL = `SELECT error_message, COUNT(*) AS failure_count
FROM experiments
WHERE state = 'failed'
  AND updated_at > NOW() - INTERVAL '1 hour'
GROUP BY error_message
ORDER BY failure_count DESC`;

/** Runbook 2.3 steps 1 and 2 (datname: the database PHOENIX_DATABASE_URL names). */
export const CONNECTIONS_SQL = `SELECT pid, datname, usename, application_name, client_addr, state, query_start, state_change
FROM pg_stat_activity
WHERE datname = current_database()
ORDER BY query_start`;

export const CONNECTIONS_BY_APP_SQL = `SELECT application_name, COUNT(*) AS connection_count
FROM pg_stat_activity
WHERE datname = current_database()
GROUP BY application_name
ORDER BY connection_count DESC`;

export type BackendFilter = { which: "idle" | "long-running"; olderThanMinutes: number };

export type Backend = { pid: number; user: string | null; application: string | null; clientAddr: string | null; state: string | null; since: string | null; query: string | null };

/** Runbook 2.3 steps 3 and 4's WHERE clauses; the console's own sessions are never included. */
function backendWhere(f: BackendFilter) {
  const age = f.which === "idle" ? "state = 'idle' AND state_change < NOW() - make_interval(mins => $1::int)" : "state <> 'idle' AND query_start < NOW() - make_interval(mins => $1::int)";
  return `datname = current_database() AND pid <> pg_backend_pid() AND coalesce(application_name, '') NOT LIKE 'phoenix-ops-console%' AND backend_type = 'client backend' AND ${age}`;
}

const backendOf = (r: Record<string, unknown>): Backend => ({
  pid: Number(r.pid),
  user: (r.usename as string | null) ?? null,
  application: (r.application_name as string | null) || null,
  clientAddr: (r.client_addr as string | null) ?? null,
  state: (r.state as string | null) ?? null,
  since: r.since instanceof Date ? r.since.toISOString() : null,
  query: (r.query as string | null) ?? null,
});

/** The backends runbook 2.3 would terminate, listed (the preview). */
export async function listBackends(url: string, f: BackendFilter, timeoutMs: number): Promise<Backend[]> {
  return withClient(url, timeoutMs, async (c) => {
    const res = await c.query(
      `SELECT pid, usename, application_name, client_addr::text, state, ${f.which === "idle" ? "state_change" : "query_start"} AS since, left(query, 300) AS query FROM pg_stat_activity WHERE ${backendWhere(f)} ORDER BY pid`,
      [f.olderThanMinutes],
    );
    return res.rows.map(backendOf);
  });
}

/** `SELECT pg_terminate_backend(pid) … WHERE <the same>`: answers exactly which were terminated. */
export async function terminateBackends(url: string, f: BackendFilter, timeoutMs: number): Promise<{ terminated: Backend[]; refused: number[] }> {
  let sent = false;
  return withClient(url, timeoutMs, async (c) => {
    sent = true;
    const res = await c.query(
      `SELECT pid, usename, application_name, client_addr::text, state, ${f.which === "idle" ? "state_change" : "query_start"} AS since, left(query, 300) AS query, pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE ${backendWhere(f)} ORDER BY pid`,
      [f.olderThanMinutes],
    );
    return { terminated: res.rows.filter((r) => r.ok).map(backendOf), refused: res.rows.filter((r) => !r.ok).map((r) => Number(r.pid)) };
  }).catch((err: unknown) => {
    // Sent and unanswered: the server may still run it (a lock wait outlives our closed socket).
    if (!sent || !(err instanceof AppError) || err.code !== "DEPENDENCY_TIMEOUT") throw err;
    throw new AppError("DEPENDENCY_TIMEOUT", err.message, { ...err.details, unanswered: { operation: "pg_terminate_backend", afterMs: timeoutMs } });
  });
}

export function requirePhoenixDb(url: string | undefined): string {
  if (!url) throw new AppError("DEPENDENCY_FAILED", "PHOENIX_DATABASE_URL is not configured.", { dependency: PHOENIX_DB });
  return url;
}
