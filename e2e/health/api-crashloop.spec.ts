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
  await expect(row).toContainText("3/3 pods ready");
  await expect(page.getByTestId("health-row-service:controller")).toHaveAttribute("data-status", "ok");

  await setScenario("api-crashloop", true);
  await expect(row).toHaveAttribute("data-status", "down", { timeout: 20_000 });
  await expect(row).toContainText("CrashLoopBackOff");
  await shot(page, "overview-api-crashloop");

  await setScenario("api-crashloop", false);
  await expect(row).toHaveAttribute("data-status", "ok", { timeout: 20_000 });
});
