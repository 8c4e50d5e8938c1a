import { expect, test } from "@playwright/test";
import { PASSWORD, shot, signIn } from "../fixtures/auth";
import { setScenario } from "../fixtures/sandbox";

test.afterEach(async () => {
  await setScenario("collector-oom", false);
});

test("collectors near their memory limit fire CollectorHighMemoryUsage in Prometheus; the sre starts runbook 2.4 from the alert and completes it while a lead follows live", async ({ page, browser }) => {
  // The alert alone may take up to 90 s to fire in a real Prometheus; then eight steps follow.
  test.setTimeout(180_000);
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

  // A lead follows the same run from another browser.
  const leadContext = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const lead = await leadContext.newPage();
  await signIn(lead, { email: "lead@phoenix.local", password: PASSWORD });
  await lead.goto(page.url());

  await page.getByTestId("step-memory").getByRole("button", { name: "Run check" }).click();
  await page.getByTestId("step-pressure").getByRole("button", { name: "Run check" }).click();
  await expect(page.getByTestId("step-pressure").getByRole("table", { name: "Nodes" })).toContainText(/CPU requested/i);
  await page.getByTestId("step-collector-metrics").getByRole("button", { name: "Run check" }).click();
  await expect(lead.getByTestId("step-collector-metrics")).toHaveAttribute("data-state", "done");
  const batch = page.getByTestId("step-batch-size");
  await batch.getByLabel("send_batch_size").fill("2000");
  await batch.getByRole("button", { name: "Preview…" }).click();
  await page.getByLabel("Reason").fill("alert: collectors near the limit");
  await page.getByRole("dialog").getByRole("button", { name: "Run" }).click();
  await expect(lead.getByTestId("step-batch-size")).toHaveAttribute("data-state", "done");
  await page.getByTestId("step-restart").getByRole("button", { name: "Preview…" }).click();
  await page.getByLabel("Reason").fill("pick up the batch size");
  await page.getByRole("dialog").getByRole("button", { name: "Run" }).click();
  await expect(lead.getByTestId("step-restart")).toHaveAttribute("data-state", "done");
  // Only the collectors on the alert's node were hot: cordon and drain it, as the runbook says.
  await page.getByTestId("step-cordon").getByRole("button", { name: "Preview…" }).click();
  await expect(page.getByRole("dialog").getByTestId("action-preview")).toContainText(node);
  await page.getByLabel("Reason").fill(`collectors on ${node} OOM first`);
  await page.getByRole("dialog").getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("obligation-node-cordoned")).toHaveAttribute("data-state", "open");
  await page.getByTestId("step-drain").getByRole("button", { name: "Skip…" }).click();
  await page.getByLabel("Reason").fill("cordoned is enough until the restart settles");
  await page.getByRole("button", { name: "Skip step" }).click();
  await page.getByTestId("step-pipeline").getByRole("button", { name: "Run check" }).click();
  await expect(lead.getByTestId("step-pipeline")).toHaveAttribute("data-state", "done");
  for (const id of ["node-cordoned", "batch-reduced"]) {
    await page.getByTestId(`obligation-${id}`).getByRole("button", { name: "Record why it stays…" }).click();
    await page.getByLabel("Reason").fill("handed over to the morning shift");
    await page.getByRole("button", { name: "Record" }).click();
    await expect(lead.getByTestId(`obligation-${id}`)).toHaveAttribute("data-state", "waived");
  }
  await page.getByRole("button", { name: "Resolve…" }).click();
  await page.getByLabel("What fixed it").fill("smaller batches, hot node cordoned");
  await page.getByRole("button", { name: "Resolve", exact: true }).click();
  await expect(lead.getByTestId("run")).toHaveAttribute("data-status", "resolved");
  await leadContext.close();
  // Give the node back for the specs that follow.
  await page.goto("/cluster");
  await page.getByTestId(`node-${node}`).getByRole("button", { name: "Uncordon" }).click();
  await expect(page.getByTestId(`node-${node}`)).not.toContainText("SchedulingDisabled");

  // The alert's runbook_url path opens the catalogue on that runbook.
  await page.goto("/runbooks/2.4-otel-collector-high-memory");
  await expect(page.getByLabel("Search runbooks")).toHaveValue("2.4");
  await expect(page.locator("[data-testid^=runbook-]")).toHaveCount(1);
});
