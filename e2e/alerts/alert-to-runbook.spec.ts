import { expect, test } from "@playwright/test";
import { shot, signIn } from "../fixtures/auth";
import { setScenario } from "../fixtures/sandbox";

test.afterEach(async () => {
  await setScenario("collector-oom", false);
});

test("collectors near their memory limit fire CollectorHighMemoryUsage in Prometheus; the sre starts runbook 2.4 from the alert", async ({ page }) => {
  await signIn(page, "sre");
  await expect(page.getByRole("table", { name: "Alerts" })).toContainText("No alerts firing or pending.");
  await setScenario("collector-oom", true);

  // Real Prometheus, scraping the sandbox and evaluating the project's rules.
  const alert = page.getByTestId("alert-CollectorHighMemoryUsage").first();
  await expect(alert).toHaveAttribute("data-state", "firing", { timeout: 90_000 });
  await expect(alert).toContainText("An OpenTelemetry collector is near its memory limit");
  await shot(page, "overview-alert");
  const node = (await alert.locator("th span").textContent())!.match(/node=(\S+)/)![1]!;

  await alert.getByRole("button", { name: "Start runbook 2.4" }).click();
  const dialog = page.getByRole("dialog", { name: "Start runbook 2.4 OTel Collector High Memory Usage" });
  await expect(dialog).toContainText("From alert CollectorHighMemoryUsage (firing)");
  await expect(dialog.getByLabel("Node")).toHaveValue(node);
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run")).toHaveAttribute("data-status", "in_progress");
  await expect(page.getByTestId("run-alert")).toContainText(`Started from alert CollectorHighMemoryUsage namespace=phoenix-experiments node=${node}`);
  await expect(page.getByTestId("run")).toContainText(`node=${node}`);

  await page.getByRole("button", { name: "Abandon…" }).click();
  await page.getByLabel("Why it is abandoned").fill("alert test: handled in the drill");
  await page.getByRole("button", { name: "Abandon", exact: true }).click();
  await expect(page.getByTestId("run")).toHaveAttribute("data-status", "abandoned");

  // The alert's runbook_url path opens the catalogue on that runbook.
  await page.goto("/runbooks/2.4-otel-collector-high-memory");
  await expect(page.getByLabel("Search runbooks")).toHaveValue("2.4");
  await expect(page.locator("[data-testid^=runbook-]")).toHaveCount(1);
});
