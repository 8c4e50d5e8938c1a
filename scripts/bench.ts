// npm run bench — the numbers the README quotes:
//   1. cold start of `npm run dev` (fresh store, no dev build cache) to the first page;
//   2. GET /api/health latency with all four dependencies up, and with one hung;
//   3. audit log: append cost per event and whole-chain verification time, on both stores;
//   4. the sandbox cluster: start time, listing 5,000 pods, and a restart to "rollout complete";
//   5. in Chromium: from the click on "Restart" to "Rollout complete" on the screen;
//   6. deployments on the sandbox: a 3-service deployment's wall time (staging and production),
//      and how long the console takes to see a rollout fail (an image that cannot be pulled).
// Uses the machine's PostgreSQL and Redis, a Prometheus it starts, and a gateway /health
// it serves itself (answering, or accepting and never answering).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { chromium } from "@playwright/test";
import { appendAuditEvent } from "@/lib/audit/append-event";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { benchAuditVerification } from "@/lib/audit/bench-verification";
import { makeTestStore } from "@/test/stores";
import { resetKubeClients } from "@/lib/ops/kube/client";
import { listPods, listWorkloads } from "@/lib/ops/kube/list-workloads";
import { restartWorkload } from "@/lib/ops/kube/restart-workload";
import type { ActorRef } from "@/lib/actions/define-action";
import { runAction } from "@/lib/actions/run-action";
import { getDeploymentRequest } from "@/lib/deployments/requests";
import { startSandbox } from "@/sandbox/server";

// Read by the console's configuration on first use (section 6): smoke tests against the bench's
// gateway, and a rollout stuck on an image pull fails after 5 s.
process.env.DEPLOY_STALL_SECONDS ??= "5";

const PG = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PORT = 3200;
const PROM_PORT = 9092;
const base = `http://127.0.0.1:${PORT}`;

const children: ChildProcess[] = [];
const cleanup = () =>
  children.splice(0).forEach((c) => {
    try {
      if (c.pid) process.kill(-c.pid, "SIGTERM");
    } catch {
      // already gone
    }
  });
process.on("exit", cleanup);

let gatewayHangs = false;
const gateway: Server = createServer((req, res) => {
  if (gatewayHangs) return; // accept, never answer
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ status: "ok" }));
});
await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
process.env.DEPLOY_ENVIRONMENTS ??= JSON.stringify({
  staging: { namespace: "phoenix-staging", approvers: ["lead"], smoke: [{ name: "API health", url: `${gatewayUrl}/health`, contains: '"status":"ok"' }] },
  production: { namespace: "phoenix-system", approvers: ["lead"], smoke: [{ name: "API health", url: `${gatewayUrl}/health`, contains: '"status":"ok"' }] },
});

const work = mkdtempSync(path.join(tmpdir(), "phoenix-bench-"));
writeFileSync(path.join(work, "prometheus.yml"), `scrape_configs: [{ job_name: p, static_configs: [{ targets: ["127.0.0.1:${PROM_PORT}"] }] }]\n`);
children.push(
  spawn("prometheus", [`--config.file=${work}/prometheus.yml`, `--storage.tsdb.path=${work}/prom`, `--web.listen-address=127.0.0.1:${PROM_PORT}`, "--log.level=error"], {
    stdio: "ignore",
    detached: true,
  }),
);

async function waitFor(url: string, ms: number, init?: RequestInit): Promise<Response> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url, init);
      if (res.ok) return res;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} not up within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
await waitFor(`http://127.0.0.1:${PROM_PORT}/-/ready`, 30_000);

// The dev server talks to a sandbox cluster, as `npm run dev` does.
const screenSandbox = await startSandbox({ dir: path.join(work, "sandbox-screen") });

// 1. Cold start.
rmSync(".next/dev", { recursive: true, force: true });
const started = performance.now();
children.push(
  spawn("npx", ["next", "dev", "-p", String(PORT), "-H", "127.0.0.1"], {
    stdio: "ignore",
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: "development",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      DATA_DIR: path.join(work, "data"),
      API_GATEWAY_URL: gatewayUrl,
      PHOENIX_DATABASE_URL: PG,
      PHOENIX_REDIS_URL: REDIS,
      PROMETHEUS_URL: `http://127.0.0.1:${PROM_PORT}`,
      KUBECONFIG: screenSandbox.kubeconfigPath,
    },
  }),
);
await waitFor(`${base}/api/healthz`, 120_000);
const ready = performance.now() - started;
await waitFor(`${base}/signin`, 120_000);
const firstPage = performance.now() - started;

// Sign in as a script would: next-auth's credentials flow.
const jar = new Map<string, string>();
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
const keep = (res: Response) => res.headers.getSetCookie().forEach((c) => jar.set(c.split("=")[0]!, c.split(";")[0]!.split("=").slice(1).join("=")));
const csrfRes = await fetch(`${base}/api/auth/csrf`);
keep(csrfRes);
const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
  method: "POST",
  redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
  body: new URLSearchParams({ csrfToken, email: "sre@phoenix.local", password: process.env.DEMO_PASSWORD ?? "demo", json: "true" }),
});
keep(signIn);
const overviewStart = performance.now();
const overview = await fetch(`${base}/`, { headers: { cookie: cookie() } });
const overviewMs = performance.now() - overviewStart;
if (!overview.ok || !(await overview.text()).includes("Platform health")) throw new Error("sign-in failed: overview not shown");
const firstSignedIn = performance.now() - started;

// 2. /api/health latency.
// Requests within a second share one run of the checks (lib/health), so space samples out.
async function sample(n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setTimeout(r, 1100));
    const t = performance.now();
    const res = await fetch(`${base}/api/health`, { headers: { cookie: cookie() } });
    if (!res.ok) throw new Error(`/api/health answered ${res.status}`);
    await res.json();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { n, p50: q(0.5), p95: q(0.95), max: times[times.length - 1]! };
}
await sample(2); // compile the route
const allUp = await sample(15);
gatewayHangs = true;
const oneHung = await sample(6);
gatewayHangs = false; // the deployments (section 6) smoke-test this gateway

// 5. On screen: an sre restarts phoenix-api from the Cluster page and watches the rollout view.
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const page = await browser.newPage({ baseURL: base });
await page.goto("/signin");
await page.getByLabel("Email").fill("sre@phoenix.local");
await page.getByLabel("Password").fill(process.env.DEMO_PASSWORD ?? "demo");
await page.getByRole("button", { name: "Sign in", exact: true }).click();
await page.getByTestId("current-user").waitFor({ timeout: 120_000 });
const onScreen: { clickToComplete: number; shown: string }[] = [];
for (let i = 0; i < 3; i++) {
  await page.goto("/cluster?namespace=phoenix-system", { timeout: 120_000 });
  const row = page.getByTestId("workload-phoenix-api");
  await row.and(page.locator("[data-state=healthy]")).waitFor({ timeout: 120_000 });
  await row.getByRole("button", { name: "Restart…" }).click();
  const dialog = page.getByRole("dialog", { name: "Restart deployment/phoenix-api" });
  await dialog.getByTestId("action-preview").waitFor({ timeout: 60_000 });
  await dialog.getByLabel("Reason").fill("bench: restart to rollout complete");
  const t0 = performance.now();
  await dialog.getByRole("button", { name: "Restart" }).click();
  await page.locator("[data-testid=rollout-panel][data-phase=complete]").waitFor({ timeout: 120_000 });
  onScreen.push({ clickToComplete: performance.now() - t0, shown: (await page.getByTestId("rollout-elapsed").textContent()) ?? "" });
}
await browser.close();
await screenSandbox.close();
onScreen.sort((a, b) => a.clickToComplete - b.clickToComplete);

const ms = (x: number) => `${Math.round(x)} ms`;
console.log("\nPhoenix Ops Console benchmarks");
console.log(`cold start (npm run dev, fresh store, no .next/dev): server ready ${ms(ready)}, /signin served ${ms(firstPage)}, first signed-in overview ${ms(firstSignedIn)} (overview itself ${ms(overviewMs)})`);
console.log(`GET /api/health, all four up:   p50 ${ms(allUp.p50)}  p95 ${ms(allUp.p95)}  max ${ms(allUp.max)}  (n=${allUp.n})`);
console.log(`GET /api/health, gateway hung:  p50 ${ms(oneHung.p50)}  p95 ${ms(oneHung.p95)}  max ${ms(oneHung.max)}  (n=${oneHung.n}; per-check timeout 2000 ms)`);
console.log(`restart click → "Rollout complete" on screen (Chromium, dev server, 3 replicas): median ${ms(onScreen[1]!.clickToComplete)}, best ${ms(onScreen[0]!.clickToComplete)}, worst ${ms(onScreen[2]!.clickToComplete)}; the panel's own timer read ${onScreen.map((o) => o.shown).join(", ")}`);

cleanup();

// 3. Audit log.
const EVENTS = 3000;
for (const kind of ["postgres", "pglite"] as const) {
  const t = await makeTestStore(kind);
  let at = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    await appendAuditEvent(t.store, {
      actionId: randomUUID(), stage: "intent", actor: "sre@phoenix.local", actorRole: "sre", action: "health.acknowledge",
      target: "health:redis", outcome: "started", input: { note: "bench", rows: [{ check: "redis", status: "down" }] },
    });
  }
  const appendMs = (performance.now() - at) / EVENTS;
  at = performance.now();
  const verdict = await verifyAuditChain(t.store);
  const verifyMs = performance.now() - at;
  if (!verdict.ok) throw new Error("chain broken in bench");
  console.log(`audit on ${kind.padEnd(8)}: append ${appendMs.toFixed(1)} ms/event (serialised), verify ${EVENTS} events ${ms(verifyMs)} (${((verifyMs / EVENTS) * 1000).toFixed(0)} µs/event)`);
  await t.dispose();
}
// The badge (incremental, from the newest verified checkpoint) against a full verification, at scale.
{
  const t = await makeTestStore("postgres");
  const r = await benchAuditVerification(t.store, Number(process.env.BENCH_AUDIT_EVENTS ?? 100_000));
  console.log(`audit verify ${r.events} events on postgres: full ${ms(r.fullMs)} (${r.fullChecked} checked), incremental ${ms(r.incrementalMs)} (${r.incrementalChecked} checked); ${(r.fullMs / r.incrementalMs).toFixed(0)}× faster`);
  await t.dispose();
}

// 4. Sandbox.
{
  let at = performance.now();
  const plain = await startSandbox({ dir: path.join(work, "sandbox-plain") });
  const plainMs = performance.now() - at;
  process.env.KUBECONFIG = plain.kubeconfigPath;
  resetKubeClients();
  at = performance.now();
  await restartWorkload({ namespace: "phoenix-system", kind: "Deployment", name: "phoenix-api" });
  for (;;) {
    const api = (await listWorkloads({ namespace: "phoenix-system" })).find((w) => w.name === "phoenix-api")!;
    if (api.revision === "2" && api.state === "healthy") break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const rolloutMs = performance.now() - at;
  await plain.close();

  at = performance.now();
  const big = await startSandbox({ dir: path.join(work, "sandbox-big"), extraPods: 5000 });
  const bigMs = performance.now() - at;
  process.env.KUBECONFIG = big.kubeconfigPath;
  resetKubeClients();
  const lists: number[] = [];
  let count = 0;
  for (let i = 0; i < 5; i++) {
    at = performance.now();
    count = (await listPods({ namespace: "phoenix-system" })).length;
    lists.push(performance.now() - at);
  }
  lists.sort((a, b) => a - b);
  await big.close();
  console.log(`sandbox start: ${ms(plainMs)} (seed topology), ${ms(bigMs)} with 5,000 extra phoenix-api pods`);
  console.log(`list ${count} pods through client-node: median ${ms(lists[2]!)}, best ${ms(lists[0]!)}`);
  console.log(`rollout restart of phoenix-api (3 replicas) to "healthy" on revision 2: ${ms(rolloutMs)}`);
}

// 6. Deployments (runbook 3.1) through the action path, against a fresh sandbox.
{
  const sandbox = await startSandbox({ dir: path.join(work, "sandbox-deploy") });
  process.env.KUBECONFIG = sandbox.kubeconfigPath;
  resetKubeClients();
  const t = await makeTestStore("pglite");
  const sre = { email: "sre@phoenix.local", role: "sre" as const, via: "cli" as const };
  const lead = { email: "lead@phoenix.local", role: "lead" as const, via: "cli" as const };
  const act = async (id: string, actor: ActorRef, input: unknown) => {
    const res = await runAction({ id, request: { input }, actor, store: t.store });
    if (res.status !== "done") throw new Error(`${id}: no result`);
    return res.result as { id: string };
  };
  const deploy = async (version: string, environment: string, services: string[]) => {
    const req = await act("deploy.request", sre, { version, environment, services, description: "bench", ciUrl: "https://ci.example/bench" });
    await act("deploy.approve", lead, { id: req.id, comment: "bench approval" });
    const at = performance.now();
    await act("deploy.execute", sre, { id: req.id });
    let failedAt: number | null = null;
    for (;;) {
      const d = await getDeploymentRequest(t.store, req.id);
      if (failedAt === null && d.events.some((e) => e.kind === "failure")) failedAt = performance.now() - at;
      if (d.status !== "executing") {
        const wanted = version.endsWith("-bad") ? "rolled_back" : "succeeded";
        if (d.status !== wanted) console.log(`  ${version} to ${environment} ended ${d.status}: ${d.outcome}`);
        return { status: d.status, ms: performance.now() - at, failedMs: failedAt };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const staging = [];
  for (const v of ["v5.0.1", "v5.0.2", "v5.0.3"]) staging.push(await deploy(v, "staging", ["api", "controller", "generator"]));
  const production = await deploy("v5.0.1", "production", ["api", "controller", "generator"]);
  const bad = await deploy("v5.0.4-bad", "staging", ["api"]);
  await t.dispose();
  await sandbox.close();
  const sorted = staging.map((s) => s.ms).sort((a, b) => a - b);
  console.log(`3-service deployment, execute → succeeded (record, set image ×3, rollouts, smoke): staging (1 replica each) median ${ms(sorted[1]!)} (${sorted.map(ms).join(", ")}); production (phoenix-api 3 replicas) ${ms(production.ms)} [${production.status}]`);
  console.log(`failed rollout (image cannot be pulled), execute → failure detected: ${ms(bad.failedMs ?? NaN)} with DEPLOY_STALL_SECONDS=${process.env.DEPLOY_STALL_SECONDS}; → rolled back and smoke-tested: ${ms(bad.ms)} [${bad.status}]`);
}

gateway.closeAllConnections();
gateway.close();
rmSync(work, { recursive: true, force: true });
process.exit(0);
