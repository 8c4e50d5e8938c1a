import { expect, test } from "@playwright/test";
import { api, PASSWORD, shot, signIn } from "../fixtures/auth";

test("an sre works runbook 2.1 from the catalogue to resolved; a lead on the same run sees it live", async ({ page, browser }) => {
  await signIn(page, "sre");
  await page.getByRole("link", { name: "Runbooks" }).click();
  await expect(page.locator("[data-testid^=runbook-]")).toHaveCount(18);
  await shot(page, "runbooks");

  // Search by symptom; start it with its defaults.
  await page.getByLabel("Search runbooks").fill("5xx");
  await expect(page.locator("[data-testid^=runbook-]")).toHaveCount(1);
  const card = page.getByTestId("runbook-2.1");
  await expect(card).toContainText("SEV1");
  await card.getByRole("button", { name: "Start…" }).click();
  const start = page.getByRole("dialog", { name: "Start runbook 2.1 API Service Down" });
  await expect(start.getByLabel("Deployment")).toHaveValue("phoenix-api");
  await start.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const runUrl = page.url();
  const run = page.getByTestId("run");
  await expect(run).toHaveAttribute("data-status", "in_progress");
  await expect(page.getByTestId("escalation")).toContainText(/1[45]:\d\d until escalation · If not resolved in 15 minutes, page on-call SRE/);

  // 1. Verify: the gateway does not answer (nothing listens on its URL in this environment).
  const verify = page.getByTestId("step-verify");
  await verify.getByRole("button", { name: "Run check" }).click();
  await expect(verify).toHaveAttribute("data-state", "done");
  await expect(verify.getByTestId("check-output")).toHaveAttribute("data-verdict", "problem");
  await expect(verify.getByTestId("check-output")).toContainText("no answer from http://127.0.0.1:59999/health");

  // 2–3. Pods and their logs.
  const pods = page.getByTestId("step-pods");
  await pods.getByRole("button", { name: "Run check" }).click();
  await expect(pods.getByRole("table", { name: "Pods" }).locator("tbody tr").first()).toContainText("phoenix-api-");
  // The decision: crashing; scaling up does not apply.
  const triage = page.getByTestId("step-triage");
  await triage.getByRole("button", { name: "Crashing or not ready" }).click();
  await expect(triage.getByTestId("decision")).toContainText("Crashing or not ready → read their logs, then restart or roll back");
  await expect(page.getByTestId("step-scale")).toHaveAttribute("data-state", "skipped");
  await expect(page.getByTestId("step-scale")).toContainText("not needed: Crashing or not ready");
  const logs = page.getByTestId("step-logs");
  await logs.getByRole("button", { name: "Run check" }).click();
  await expect(logs.getByTestId("check-output")).toContainText(/\d+ pods, \d+ lines/);

  // A lead opens the same run in another browser.
  const leadContext = await browser.newContext({ baseURL: new URL(runUrl).origin });
  const lead = await leadContext.newPage();
  await signIn(lead, { email: "lead@phoenix.local", password: PASSWORD });
  await lead.goto(runUrl);
  await expect(lead.getByTestId("step-pods")).toHaveAttribute("data-state", "done");

  // 5. Restart, through the action's preview and a reason.
  const restart = page.getByTestId("step-restart");
  await restart.getByRole("button", { name: "Preview…" }).click();
  const confirm = page.getByRole("dialog", { name: "Restart if needed" });
  await expect(confirm.getByTestId("action-preview")).toContainText("server dry run passed");
  await confirm.getByLabel("Reason").fill("runbook 2.1: pods wedged");
  await confirm.getByRole("button", { name: "Run" }).click();
  await expect(restart).toHaveAttribute("data-state", "done");
  await expect(restart).toContainText("In the audit log");
  // The lead sees it without reloading.
  await expect(lead.getByTestId("step-restart")).toHaveAttribute("data-state", "done");

  // The lead checks the rollout history; the sre sees that too.
  await lead.getByTestId("step-history").getByRole("button", { name: "Run check" }).click();
  await expect(page.getByTestId("step-history").getByRole("table", { name: "Revisions" })).toBeVisible();

  // The database answers.
  const db = page.getByTestId("step-database");
  await db.getByRole("button", { name: "Run check" }).click();
  await expect(db.getByTestId("check-output")).toHaveAttribute("data-verdict", "ok");
  await expect(db.getByTestId("check-output")).toContainText("SELECT 1 → 1");
  await page.getByTestId("step-resources").getByRole("button", { name: "Skip…" }).click();
  await page.getByLabel("Reason").fill("seen in the pods table");
  await page.getByRole("button", { name: "Skip step" }).click();
  await page.getByTestId("step-rollback").getByRole("button", { name: "Skip…" }).click();
  await page.getByLabel("Reason").fill("no recent deployment");
  await page.getByRole("button", { name: "Skip step" }).click();
  await expect(page.getByTestId("step-rollback")).toHaveAttribute("data-state", "skipped");
  await shot(page, "run-2.1");

  // Resolve; the run is closed for both.
  await page.getByRole("button", { name: "Resolve…" }).click();
  await page.getByLabel("What fixed it").fill("restart cleared the wedged pods");
  await page.getByRole("button", { name: "Resolve", exact: true }).click();
  await expect(run).toHaveAttribute("data-status", "resolved");
  await expect(page.getByRole("button", { name: "Run check" })).toHaveCount(0);
  await expect(lead.getByTestId("run")).toHaveAttribute("data-status", "resolved");
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("Started runbook 2.1 API Service Down");
  await expect(timeline).toContainText("Restart if needed: done (audit");
  await expect(timeline).toContainText("What do the pods show?: Crashing or not ready → read their logs, then restart or roll back");
  await expect(timeline).toContainText("Check for resource issues: skipped — seen in the pods table");
  await expect(timeline).toContainText("Resolved: restart cleared the wedged pods");
  await leadContext.close();

  // The audit log has the run's start, its steps and the restart it caused.
  await page.goto("/audit?action=cluster.rollout-restart");
  await expect(page.getByTestId("audit-row").first()).toContainText("runbook 2.1: pods wedged");
  await page.goto("/audit?action=runbook.start");
  await expect(page.getByTestId("audit-row").first()).toContainText("2.1-api-service-down");
});

test("a viewer can follow a run but not work it", async ({ page }) => {
  await signIn(page, "sre");
  const start = (id: string) =>
    page.evaluate(async (runbook) => {
      const res = await fetch(`/api/runbooks/${runbook}/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      return (await res.json()) as { run: { id: string } };
    }, id);
  const started = await start("1.2-detailed-service-diagnostics");
  const incident = await start("2.1-api-service-down");
  await page.context().clearCookies();
  await signIn(page, "viewer");
  await page.goto(`/runs/${started.run.id}`);
  await expect(page.getByTestId("run")).toHaveAttribute("data-status", "in_progress");
  await expect(page.getByTestId("step-status").getByRole("button", { name: "Run check" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Resolve…" })).toBeDisabled();

  // The API refuses the same, and the step stays untouched.
  const check = await api(page, "POST", `/api/runs/${started.run.id}/steps/status`, { op: "check" });
  expect(check.status).toBe(403);
  const restart = await api(page, "POST", `/api/runs/${incident.run.id}/steps/restart`, { op: "action", confirm: true, reason: "viewer tries" });
  expect(restart.status).toBe(403);
  const run = await api(page, "GET", `/api/runs/${incident.run.id}`);
  expect(run.json.run.steps.find((s: { stepId: string }) => s.stepId === "restart")).toMatchObject({ state: "pending", attempts: 0 });
});
