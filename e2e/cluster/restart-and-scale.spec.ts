import { expect, test } from "@playwright/test";
import { shot, signIn } from "../fixtures/auth";

test("an sre sees phoenix-api live, restarts it with a preview and a reason, watches the rollout finish, and scales it", async ({ page }) => {
  await signIn(page, "sre");
  await page.getByRole("link", { name: "Cluster" }).click();
  for (const n of ["phoenix-node-1", "phoenix-node-2", "phoenix-node-3"]) await expect(page.getByTestId(`node-${n}`)).toHaveAttribute("data-ready", "true");
  const api = page.getByTestId("workload-phoenix-api");
  await expect(api).toHaveAttribute("data-state", "healthy");
  await expect(api).toContainText("3/3 ready");
  await expect(api).toContainText("ghcr.io/phoenix/platform/api:v2.3.1");

  // Its pods, by clicking its name (the selector lands in the URL).
  await api.getByRole("button", { name: "phoenix-api" }).click();
  await expect(page).toHaveURL(/l=app%3Dphoenix-api/);
  const pods = page.locator("[data-testid^=pod-phoenix-api-]");
  await expect(pods).toHaveCount(3);
  for (const status of await pods.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")))) expect(status).toBe("Running");
  const before = await pods.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")));
  await shot(page, "cluster");

  // Restart: the preview names the pods it replaces.
  await api.getByRole("button", { name: "Restart…" }).click();
  const confirm = page.getByRole("dialog", { name: "Restart deployment/phoenix-api" });
  const preview = confirm.getByTestId("action-preview");
  await expect(preview).toContainText("server dry run passed");
  for (const id of before) await expect(preview).toContainText(id!.replace("pod-", ""));
  await shot(page, "cluster-restart-preview");
  await confirm.getByLabel("Reason").fill("runbook 2.1 step 5: pods wedged");
  await confirm.getByRole("button", { name: "Restart" }).click();
  await expect(confirm).toBeHidden();

  // The rollout view opens by itself and follows kubectl rollout status to the end.
  const rollout = page.getByTestId("rollout-panel");
  await expect(rollout).toBeVisible();
  await expect(page).toHaveURL(/rollout=Deployment%2Fphoenix-api/);
  await expect(rollout.getByRole("list", { name: "Rollout progress" })).toContainText('Waiting for deployment "phoenix-api" rollout to finish');
  await expect(api).toHaveAttribute("data-state", "progressing");
  await shot(page, "cluster-rollout-progress");
  await expect(rollout).toHaveAttribute("data-phase", "complete", { timeout: 30_000 });
  await expect(rollout.getByRole("status")).toContainText(/Rollout complete in \d+\.\d s: deployment "phoenix-api" successfully rolled out/);
  await expect(rollout.getByRole("progressbar", { name: "Available pods" })).toHaveAttribute("aria-valuenow", "3");
  await expect(rollout).toContainText("revision 2");
  await shot(page, "cluster-rollout-complete");
  await expect(api).toHaveAttribute("data-state", "healthy", { timeout: 30_000 });
  await expect(api.getByRole("cell").nth(3)).toHaveText("2");
  await expect(async () => {
    const now = await pods.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")));
    expect(now).toHaveLength(3);
    expect(now.filter((id) => before.includes(id))).toEqual([]);
  }).toPass({ timeout: 20_000 });

  // The events say what happened.
  await expect(page.getByTestId("event-row").filter({ hasText: "ScalingReplicaSet" }).first()).toBeVisible();

  // Scale to 4: the preview says current → new.
  await api.getByRole("button", { name: "Scale…" }).click();
  await page.getByLabel("Replicas").fill("4");
  await page.getByRole("button", { name: "Preview…" }).click();
  const scale = page.getByRole("dialog", { name: "Scale deployment/phoenix-api" });
  await expect(scale.getByTestId("action-preview")).toContainText("from 3 to 4 replicas");
  await scale.getByLabel("Reason").fill("runbook 2.1 step 6: under load");
  await scale.getByRole("button", { name: "Scale" }).click();
  await expect(api).toContainText("4/4 ready", { timeout: 20_000 });
  // Scaling is followed the same way: the view now tracks the scale to 4.
  await expect(rollout).toHaveAttribute("data-phase", "complete", { timeout: 20_000 });
  await expect(rollout.getByRole("progressbar", { name: "Available pods" })).toHaveAttribute("aria-valuenow", "4");
  await rollout.getByRole("button", { name: "Close the rollout view" }).click();
  await expect(rollout).toBeHidden();
  await expect(page).not.toHaveURL(/rollout=/);

  // Both are in the audit log with intent and outcome.
  await page.goto("/audit?action=cluster.rollout-restart");
  const rows = page.getByTestId("audit-row");
  await expect(rows.nth(0)).toContainText("ok");
  await expect(rows.nth(1)).toContainText("started");
  await expect(rows.nth(0)).toContainText("deployment/phoenix-api -n phoenix-system");
  await expect(rows.nth(0)).toContainText("runbook 2.1 step 5: pods wedged");
});

test("a viewer sees the cluster but cannot restart or scale", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/cluster");
  const api = page.getByTestId("workload-phoenix-api");
  await expect(api.getByRole("button", { name: "Restart…" })).toBeDisabled();
  await expect(api.getByRole("button", { name: "Restart…" })).toHaveAttribute("title", "Needs the sre role (you are viewer).");
  await expect(api.getByRole("button", { name: "Scale…" })).toBeDisabled();
});
