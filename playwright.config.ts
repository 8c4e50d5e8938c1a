import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const PROMETHEUS_PORT = Number(process.env.E2E_PROMETHEUS_PORT ?? 9091);
/** A second console whose PostgreSQL store sits behind a proxy the store-outage spec cuts. */
export const OUTAGE_PORT = Number(process.env.E2E_OUTAGE_PORT ?? 3101);
export const PROXY_CONTROL_PORT = Number(process.env.E2E_PROXY_CONTROL_PORT ?? 3199);
/** The sandbox cluster the main e2e console talks to (its admin API switches fault scenarios). */
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 36443);
/** Where the e2e console posts its notifications (the deployment spec listens here). */
export const WEBHOOK_PORT = Number(process.env.E2E_WEBHOOK_PORT ?? 3197);
export const E2E_PASSWORD = process.env.E2E_PASSWORD ?? "e2e-password-1";
const baseURL = `http://localhost:${PORT}`;
export const PHOENIX_DB_URL = (() => {
  const u = new URL(process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  u.pathname = "/phoenix";
  return u.toString();
})();

const serverEnv = {
  E2E_PORT: String(PORT),
  E2E_PROMETHEUS_PORT: String(PROMETHEUS_PORT),
  E2E_PASSWORD,
  E2E_OUTAGE_PORT: String(OUTAGE_PORT),
  E2E_PROXY_PORT: String(Number(process.env.E2E_PROXY_PORT ?? 55432)),
  E2E_PROXY_CONTROL_PORT: String(PROXY_CONTROL_PORT),
  E2E_SANDBOX_PORT: String(SANDBOX_PORT),
  NEXT_TELEMETRY_DISABLED: "1",
  DATA_DIR: ".data/e2e",
  NEXTAUTH_SECRET: "e2e-secret-0123456789-abcdefghijklmnop",
  NEXTAUTH_URL: baseURL,
  PHOENIX_ENV: "staging",
  // The Phoenix database the runbooks query: a `phoenix` database on the test server, seeded by e2e-server.ts.
  PHOENIX_DATABASE_URL: PHOENIX_DB_URL,
  PHOENIX_REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
  PROMETHEUS_URL: `http://127.0.0.1:${PROMETHEUS_PORT}`,
  // Nothing listens here: the health panel's "down" row.
  API_GATEWAY_URL: "http://127.0.0.1:59999",
  HEALTH_REFRESH_MS: "3000",
  // Deployments smoke-test each environment's gateway: the sandbox serves one per namespace.
  DEPLOY_ENVIRONMENTS: JSON.stringify({
    staging: { namespace: "phoenix-staging", approvers: ["lead"], smoke: [{ name: "API health", url: `https://127.0.0.1:${SANDBOX_PORT}/health?namespace=phoenix-staging`, gateway: true }] },
    production: { namespace: "phoenix-system", approvers: ["lead"], smoke: [{ name: "API health", url: `https://127.0.0.1:${SANDBOX_PORT}/health`, gateway: true }] },
  }),
  DEPLOY_STALL_SECONDS: "3",
  HOTFIX_WINDOW_SECONDS: "6",
  NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${WEBHOOK_PORT}/hooks/deploys`,
  LOG_LEVEL: "warn",
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: [
    {
      command: "bash scripts/e2e-prometheus.sh",
      url: `http://127.0.0.1:${PROMETHEUS_PORT}/-/ready`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: "npx tsx scripts/e2e-server.ts",
      url: `${baseURL}/api/healthz`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
    },
    {
      command: "npx tsx --conditions=react-server scripts/e2e-outage-server.ts",
      url: `http://localhost:${OUTAGE_PORT}/api/healthz`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 180_000,
    },
  ],
});
