// The Phoenix application database the runbooks query (2.2's `experiments`, 4.2's
// `schema_migrations`), created and seeded for development and tests — never by the console.
import pg from "pg";

const ERRORS = [
  "pipeline config rejected: unknown processor \"batch/v2\"",
  "pipeline config rejected: unknown processor \"batch/v2\"",
  "pipeline config rejected: unknown processor \"batch/v2\"",
  "timeout waiting for collector to become ready",
  "quota exceeded: pods in phoenix-experiments",
];

/** Creates the database if missing (on a server where we may), then the schema and a believable history. */
export async function seedPhoenixDatabase(url: string, options: { failuresLastHour?: number; reset?: boolean } = {}) {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.slice(1)) || "phoenix";
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const a = new pg.Client({ connectionString: admin.toString() });
  await a.connect();
  try {
    const exists = await a.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName]);
    if (!exists.rowCount) await a.query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`);
  } finally {
    await a.end();
  }
  const c = new pg.Client({ connectionString: url, application_name: "phoenix-seed" });
  await c.connect();
  try {
    await c.query(`
      CREATE TABLE IF NOT EXISTS experiments (
        id BIGSERIAL PRIMARY KEY,
        name TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'completed', 'failed')),
        error_message TEXT,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX IF NOT EXISTS experiments_state_updated_at ON experiments (state, updated_at);
      CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
      INSERT INTO schema_migrations (version) VALUES ('20250110093000'), ('20250118141500'), ('20250124101000') ON CONFLICT DO NOTHING;
    `);
    // The history is relative to now ("failed in the last hour"): a test run starts from a fresh one.
    if (options.reset) await c.query("TRUNCATE experiments RESTART IDENTITY");
    const { rows } = await c.query<{ n: string }>("SELECT count(*) AS n FROM experiments");
    if (Number(rows[0]!.n) > 0) return;
    const failures = options.failuresLastHour ?? 12;
    const values: string[] = [];
    const params: unknown[] = [];
    const add = (name: string, state: string, error: string | null, minutesAgo: number) => {
      params.push(name, state, error, minutesAgo);
      const i = params.length;
      values.push(`($${i - 3}, $${i - 2}, $${i - 1}, now() - make_interval(mins => $${i}::int) - interval '5 minutes', now() - make_interval(mins => $${i}::int))`);
    };
    for (let i = 0; i < 120; i++) add(`exp-${4700 + i}`, i % 9 === 0 ? "failed" : "completed", i % 9 === 0 ? "collector restarted during run" : null, 90 + i * 7);
    for (let i = 0; i < failures; i++) add(`exp-${4821 + i}`, "failed", ERRORS[i % ERRORS.length]!, 2 + i * 4);
    for (let i = 0; i < 6; i++) add(`exp-${4900 + i}`, "running", null, 1 + i);
    await c.query(`INSERT INTO experiments (name, state, error_message, created_at, updated_at) VALUES ${values.join(", ")}`, params);
  } finally {
    await c.end();
  }
}
