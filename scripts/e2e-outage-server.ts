// A second console for the store-outage spec: its store is a PostgreSQL database reached
// through a TCP proxy that the test can cut and restore (POST /cut, /restore on the
// control port), as a network partition or a database failover would.
import { spawn, spawnSync } from "node:child_process";
import { createServer as createHttpServer } from "node:http";
import { createConnection, createServer, type Socket } from "node:net";
import pg from "pg";

const { E2E_OUTAGE_PORT, E2E_PROXY_PORT, E2E_PROXY_CONTROL_PORT, E2E_PASSWORD } = process.env;
const admin = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const pgUrl = new URL(admin);
const db = "phoenix_e2e_outage_store";

// 1. A fresh store database, and users created with the CLI straight against it.
const c = new pg.Client({ connectionString: admin });
await c.connect();
await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
await c.query(`CREATE DATABASE ${db}`);
await c.end();
const direct = new URL(admin);
direct.pathname = `/${db}`;
for (const role of ["sre", "admin"]) {
  const r = spawnSync("npm", ["run", "-s", "user:add", "--", "--email", `${role}@phoenix.local`, "--role", role, "--password-stdin"], {
    input: E2E_PASSWORD,
    env: { ...process.env, DATABASE_URL: direct.toString() },
    stdio: ["pipe", "inherit", "inherit"],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// 2. The proxy.
let cut = false;
const open = new Set<Socket>();
const proxy = createServer((client) => {
  if (cut) return void client.destroy();
  const upstream = createConnection({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  for (const s of [client, upstream]) {
    open.add(s);
    s.on("close", () => open.delete(s));
    s.on("error", () => undefined);
  }
  client.pipe(upstream).pipe(client);
});
proxy.listen(Number(E2E_PROXY_PORT), "127.0.0.1");
createHttpServer((req, res) => {
  cut = req.url === "/cut";
  if (cut) for (const s of open) s.destroy();
  res.end(cut ? "cut" : "restored");
}).listen(Number(E2E_PROXY_CONTROL_PORT), "127.0.0.1");

// 3. The console, its store behind the proxy.
const viaProxy = new URL(direct);
viaProxy.port = String(E2E_PROXY_PORT);
viaProxy.hostname = "127.0.0.1";
const next = spawn("npx", ["next", "start", "-p", String(E2E_OUTAGE_PORT), "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: viaProxy.toString(), NEXTAUTH_URL: `http://localhost:${E2E_OUTAGE_PORT}` },
});
const stop = () => {
  next.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
next.on("exit", (code) => process.exit(code ?? 1));
