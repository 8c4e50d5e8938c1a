import { expect, test } from "@playwright/test";
import { shot, signIn } from "../fixtures/auth";
import { setScenario } from "../fixtures/sandbox";

test.afterEach(async () => {
  await setScenario("api-crashloop", false);
});

test("when phoenix-api starts crash-looping, its health row turns red with the reason, and recovers after", async ({ page }) => {
  await signIn(page, "sre");
  const row = page.getByTestId("health-row-service:api");
  await expect(row).toHaveAttribute("data-status", "ok");
  await expect(row).toContainText(/(\d+)\/\1 pods ready/); // all ready, however many an earlier spec scaled to
  await expect(page.getByTestId("health-row-service:controller")).toHaveAttribute("data-status", "ok");

  await setScenario("api-crashloop", true);
  await expect(row).toHaveAttribute("data-status", "down", { timeout: 20_000 });
  await expect(row).toContainText("CrashLoopBackOff");
  await shot(page, "overview-api-crashloop");

  // Runbook 1.2: scan every pod's logs for ERROR|FATAL|PANIC; the api pods stand out.
  await page.goto("/cluster?namespace=phoenix-system");
  await page.getByRole("button", { name: "Scan logs for errors" }).click();
  const apiScan = page.locator("[data-testid^=scan-phoenix-api-]").first();
  await expect(apiScan).toContainText(/\d+ found/);
  expect(Number(await apiScan.getAttribute("data-count"))).toBeGreaterThan(0);
  await expect(page.locator("[data-testid^=scan-redis-]")).toContainText("No errors found");
  await shot(page, "cluster-error-scan");

  // Open that pod's logs: the previous container's end shows why it died.
  await apiScan.getByRole("button").click();
  const log = page.getByTestId("pod-log");
  await page.getByLabel("Previous container").check();
  await expect(log).toContainText("FATAL could not initialise storage layer");
  await page.getByLabel("ERROR|FATAL|PANIC only").check();
  const shown = (await log.innerText()).trim().split("\n");
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.every((l) => /ERROR|FATAL|PANIC/.test(l))).toBe(true);
  await shot(page, "cluster-pod-logs");

  await setScenario("api-crashloop", false);
  await page.goto("/");
  await expect(row).toHaveAttribute("data-status", "ok", { timeout: 20_000 });
});
