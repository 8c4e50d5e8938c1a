// npm run dev — the console on the embedded defaults. With no KUBECONFIG set it first starts
// the sandbox cluster (the simulated Phoenix cluster) and points the console at it; with no
// PHOENIX_DATABASE_URL, a seeded embedded Phoenix database (PGlite on the wire protocol).
import { spawn } from "node:child_process";
import path from "node:path";
import { startPhoenixDb } from "../sandbox/phoenix-db-server";
import { trustBundle } from "../sandbox/pki";
import { startSandbox } from "../sandbox/server";

const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" };
const closers: (() => Promise<void>)[] = [];
const close = () => Promise.all(closers.map((c) => c().catch(() => undefined)));

if (!process.env.KUBECONFIG && !process.env.KUBERNETES_SERVICE_HOST) {
  const sandbox = await startSandbox({ dir: path.join(process.env.DATA_DIR ?? ".data", "sandbox") });
  closers.push(sandbox.close);
  env.KUBECONFIG = path.resolve(sandbox.kubeconfigPath);
  env.API_GATEWAY_URL ??= sandbox.url;
  // The console's own fetches (the gateway's /health) must trust the sandbox's CA.
  env.NODE_EXTRA_CA_CERTS = trustBundle(path.join(process.env.DATA_DIR ?? ".data", "sandbox", "pki"));
  console.log(`Sandbox cluster on ${sandbox.url} (kubectl --kubeconfig ${env.KUBECONFIG} get pods -A)`);
}

if (!process.env.PHOENIX_DATABASE_URL) {
  const phoenixDb = await startPhoenixDb({ dataDir: path.join(process.env.DATA_DIR ?? ".data", "phoenix-db") });
  closers.push(phoenixDb.close);
  env.PHOENIX_DATABASE_URL = phoenixDb.url;
  console.log(`Phoenix database (embedded, seeded) on ${phoenixDb.url}`);
}

const next = spawn("npx", ["next", "dev", ...process.argv.slice(2)], { stdio: "inherit", env });
const stop = (signal: NodeJS.Signals) => {
  next.kill(signal);
  void close();
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
next.on("exit", async (code) => {
  await close();
  process.exit(code ?? 0);
});
