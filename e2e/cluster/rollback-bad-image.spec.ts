import { expect, test } from "@playwright/test";
import { shot, signIn } from "../fixtures/auth";
import { setScenario } from "../fixtures/sandbox";

test.afterEach(async () => {
  await setScenario("bad-image", false);
});

test("a bad-image rollout never becomes ready; the sre rolls it back from the history view", async ({ page }) => {
  await signIn(page, "sre");
  await page.goto("/cluster?namespace=phoenix-system&l=app%3Dphoenix-api");
  const api = page.getByTestId("workload-phoenix-api");
  await expect(api).toHaveAttribute("data-state", "healthy");

  // A release whose image cannot be pulled.
  await setScenario("bad-image", true);
  await expect(api).toContainText("v2.4.0-bad");
  await expect(api).toHaveAttribute("data-state", /progressing|stalled/);
  await expect(page.locator("[data-testid^=pod-phoenix-api-][data-status=ImagePullBackOff]").first()).toBeVisible({ timeout: 15_000 });
  await shot(page, "cluster-bad-image");

  // Watching its rollout: new pods never become available; the old ones keep serving.
  await api.getByRole("button", { name: "Rollout" }).click();
  const rollout = page.getByTestId("rollout-panel");
  await expect(rollout).toHaveAttribute("data-phase", /waiting|failed/);
  await expect(rollout).toContainText("v2.4.0-bad");
  await expect(rollout.getByRole("list", { name: "Rollout progress" })).toContainText(/Waiting for deployment "phoenix-api" rollout to finish: \d out of \d new replicas have been updated|exceeded its progress deadline/);
  await shot(page, "cluster-bad-image-rollout");

  // History: the bad revision on top; roll back to the newest good one.
  await api.getByRole("button", { name: "History…" }).click();
  const history = page.getByRole("dialog", { name: "Rollout history of deployment/phoenix-api" });
  const rows = history.locator("[data-testid^=revision-]");
  await expect(rows.first()).toContainText("v2.4.0-bad");
  await expect(rows.first()).toContainText("current");
  const good = rows.filter({ hasText: "api:v2.3.1" }).first();
  const revision = (await good.getAttribute("data-testid"))!.replace("revision-", "");
  await shot(page, "cluster-history");
  await good.getByRole("button", { name: "Roll back to this" }).click();

  const confirm = page.getByRole("dialog", { name: `Roll back deployment/phoenix-api to revision ${revision}` });
  await expect(confirm.getByTestId("action-preview")).toContainText("ghcr.io/phoenix/platform/api:v2.4.0-bad → ghcr.io/phoenix/platform/api:v2.3.1");
  await confirm.getByLabel("Reason").fill("bad image in v2.4.0; rolling back");
  await confirm.getByRole("button", { name: "Roll back" }).click();
  await expect(confirm).toBeHidden();

  await expect(api).toContainText("api:v2.3.1");
  // The rollout view follows the rollback to the end.
  await expect(rollout).toContainText("ghcr.io/phoenix/platform/api:v2.3.1");
  await expect(rollout).toHaveAttribute("data-phase", "complete", { timeout: 30_000 });
  await expect(api).toHaveAttribute("data-state", "healthy", { timeout: 30_000 });
  await expect(page.locator("[data-testid^=pod-phoenix-api-][data-status=ImagePullBackOff]")).toHaveCount(0, { timeout: 15_000 });

  await page.goto("/audit?action=cluster.rollout-undo&outcome=ok");
  await expect(page.getByTestId("audit-row").first()).toContainText("bad image in v2.4.0; rolling back");
});
