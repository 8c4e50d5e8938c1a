import { expect, test } from "@playwright/test";
import pg from "pg";
import { PHOENIX_DB_URL } from "../../playwright.config";
import { shot, signIn } from "../fixtures/auth";

async function startRun(page: import("@playwright/test").Page, runbook: string) {
  const res = await page.evaluate(async (id) => {
    const r = await fetch(`/api/runbooks/${id}/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    return (await r.json()) as { run: { id: string } };
  }, runbook);
  await page.goto(`/runs/${res.run.id}`);
  await expect(page.getByTestId("run")).toHaveAttribute("data-status", "in_progress");
}

test("runbook 2.3: the connections, who holds them, and terminating exactly the idle ones listed", async ({ page }) => {
  const leaks: pg.Client[] = [];
  for (let i = 0; i < 3; i++) {
    const c = new pg.Client({ connectionString: PHOENIX_DB_URL, application_name: "e2e-leak" });
    c.on("error", () => undefined); // terminated below, on purpose
    await c.connect();
    await c.query("SELECT 1");
    leaks.push(c);
  }
  const pids = await Promise.all(leaks.map(async (c) => (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid));

  await signIn(page, "sre");
  await startRun(page, "2.3-database-connection-pool-exhausted");
  const connections = page.getByTestId("step-connections");
  await connections.getByRole("button", { name: "Run query" }).click();
  await expect(connections.getByRole("table", { name: "Query result" })).toContainText("e2e-leak");
  const byApp = page.getByTestId("step-by-application");
  await byApp.getByRole("button", { name: "Run query" }).click();
  await expect(byApp.getByTestId("bar").filter({ hasText: "e2e-leak" })).toContainText("3");

  // The preview names exactly the three idle backends opened above.
  const kill = page.getByTestId("step-kill-idle");
  await kill.getByLabel("Idle for more than (minutes)").fill("0");
  await kill.getByRole("button", { name: "Preview…" }).click();
  const confirm = page.getByRole("dialog", { name: "Kill idle connections older than 5 minutes" });
  const preview = confirm.getByTestId("action-preview");
  await expect(preview).toContainText("Terminate these 3 backends");
  for (const pid of pids) await expect(preview).toContainText(`pid ${pid} · postgres · e2e-leak · idle`);
  await shot(page, "run-2.3-terminate-preview");
  await confirm.getByLabel("Reason").fill("runbook 2.3: leaked idle connections");
  await confirm.getByRole("button", { name: "Run" }).click();
  await expect(kill).toHaveAttribute("data-state", "done");

  // Gone from pg_stat_activity.
  const check = new pg.Client({ connectionString: PHOENIX_DB_URL });
  await check.connect();
  await expect
    .poll(async () => (await check.query("SELECT pid FROM pg_stat_activity WHERE pid = ANY($1)", [pids])).rowCount, { timeout: 10_000 })
    .toBe(0);
  await check.end();
  await byApp.getByRole("button", { name: "Run again" }).click();
  await expect(byApp.getByTestId("bar").filter({ hasText: "e2e-leak" })).toHaveCount(0);

  // Connections per client address, mapped to pods (the test's connections come from no pod).
  const leaksStep = page.getByTestId("step-leaks");
  await leaksStep.getByRole("button", { name: "Run check" }).click();
  await expect(leaksStep.getByTestId("check-output")).toContainText("client addresses");
  await shot(page, "run-2.3");
});

test("runbook 2.2: the failures, their pattern, the operator's access, the quota, and pausing the controller", async ({ page }) => {
  await signIn(page, "sre");
  await startRun(page, "2.2-high-experiment-failure-rate");
  const recent = page.getByTestId("step-recent-failures");
  await recent.getByRole("button", { name: "Run query" }).click();
  await expect(recent.getByTestId("check-output")).toContainText("12 experiments failed in the last hour");
  await expect(recent.getByRole("table", { name: "Query result" }).locator("tbody tr")).toHaveCount(12);
  const patterns = page.getByTestId("step-failure-patterns");
  await patterns.getByRole("button", { name: "Run query" }).click();
  await expect(patterns.getByTestId("bar").first()).toContainText('pipeline config rejected: unknown processor "batch/v2"');
  await expect(patterns.getByTestId("bar").first()).toContainText("8");

  const access = page.getByTestId("step-api-access");
  await access.getByRole("button", { name: "Run check" }).click();
  await expect(access.getByTestId("check-output")).toContainText("yes: can system:serviceaccount:phoenix-system:pipeline-operator create phoenixprocesspipelines.phoenix.io in phoenix-experiments?");
  const quotas = page.getByTestId("step-quotas");
  await quotas.getByRole("button", { name: "Run check" }).click();
  await expect(quotas.getByRole("meter", { name: "pods" })).toHaveAttribute("aria-valuenow", "6");

  // Pause new experiments, then resume.
  const pause = page.getByTestId("step-pause");
  await pause.getByRole("button", { name: "Preview…" }).click();
  const confirm = page.getByRole("dialog", { name: "Temporary mitigation: pause new experiments" });
  await expect(confirm.getByTestId("action-preview")).toContainText("from 1 to 0 replicas");
  await confirm.getByLabel("Reason").fill("runbook 2.2: stop new failures");
  await confirm.getByRole("button", { name: "Run" }).click();
  await expect(pause).toHaveAttribute("data-state", "done");
  // Pausing leaves an obligation on the run until the resume step runs.
  const obligation = page.getByTestId("obligation-controller-paused");
  await expect(obligation).toHaveAttribute("data-state", "open");
  await expect(obligation).toContainText("experiment-controller is scaled to 0");
  await shot(page, "run-2.2");
  const resume = page.getByTestId("step-resume");
  await resume.getByRole("button", { name: "Preview…" }).click();
  await page.getByLabel("Reason").fill("template fixed");
  await page.getByRole("dialog").getByRole("button", { name: "Run" }).click();
  await expect(resume).toHaveAttribute("data-state", "done");
  await expect(obligation).toHaveAttribute("data-state", "closed");
  await expect(obligation).toContainText("Undone: experiment-controller is scaled to 0");
});
