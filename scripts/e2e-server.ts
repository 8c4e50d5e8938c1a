// The console as an operator runs it: a production build on the embedded store, users
// created with the CLI, real PostgreSQL / Redis / Prometheus as the Phoenix dependencies,
// and the sandbox cluster as its Kubernetes API.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { seedPhoenixDatabase } from "../sandbox/phoenix-db";
import { trustBundle } from "../sandbox/pki";
import { startSandbox } from "../sandbox/server";

const { DATA_DIR = ".data/e2e", E2E_PASSWORD = "", E2E_PORT = "3100" } = process.env;
rmSync(DATA_DIR, { recursive: true, force: true });
for (const role of ["viewer", "sre", "lead", "admin"]) {
  const r = spawnSync("npm", ["run", "-s", "user:add", "--", "--email", `${role}@phoenix.local`, "--role", role, "--name", `E2E ${role}`, "--password-stdin"], {
    input: E2E_PASSWORD,
    stdio: ["pipe", "inherit", "inherit"],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The Phoenix application database the runbooks query (never created by the console itself).
if (process.env.PHOENIX_DATABASE_URL) await seedPhoenixDatabase(process.env.PHOENIX_DATABASE_URL, { reset: true });

const sandboxDir = path.join(DATA_DIR, "sandbox");
const sandbox = await startSandbox({ dir: sandboxDir, port: Number(process.env.E2E_SANDBOX_PORT ?? 0) });
const next = spawn("npx", ["next", "start", "-p", E2E_PORT, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: { ...process.env, KUBECONFIG: path.resolve(sandbox.kubeconfigPath), NODE_EXTRA_CA_CERTS: trustBundle(path.join(sandboxDir, "pki")) },
});
const stop = async () => {
  next.kill("SIGTERM");
  await sandbox.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
next.on("exit", (code) => process.exit(code ?? 1));
