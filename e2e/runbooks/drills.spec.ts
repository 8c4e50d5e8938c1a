import { expect, test } from "@playwright/test";
import { signIn } from "../fixtures/auth";
import { activeScenarios, setScenario } from "../fixtures/sandbox";

const DRILLS = [
  { number: "2.1", title: "API Service Down", scenario: "api-crashloop", first: "pods", expect: /CrashLoopBackOff|not ready|0\/\d ready/ },
  { number: "2.2", title: "High Experiment Failure Rate", scenario: "experiment-failures", first: "recent-failures", expect: /experiments failed in the last hour/ },
  { number: "2.3", title: "Database Connection Pool Exhausted", scenario: "db-pool-exhausted", first: "connections", expect: /connections: \d+ idle/ },
] as const;

test.afterEach(async () => {
  for (const d of DRILLS) await setScenario(d.scenario, false);
});

for (const d of DRILLS) {
  test(`a drill of runbook ${d.number} switches ${d.scenario} on for the run and off at its end, and is timed`, async ({ page }) => {
    await signIn(page, "sre");
    await page.goto(`/runbooks?q=${d.number}`);
    await page.getByTestId(`runbook-${d.number}`).getByRole("button", { name: "Start…" }).click();
    await page.getByRole("checkbox", { name: /Run as a drill/ }).check();
    await page.getByRole("button", { name: "Start drill" }).click();
    await expect(page.getByTestId("run")).toContainText(`drill: ${d.scenario}`);
    expect(await activeScenarios()).toContain(d.scenario);

    const first = page.getByTestId(`step-${d.first}`);
    await expect(async () => {
      await first.getByRole("button", { name: /Run check|Run query|Run again/ }).click();
      await expect(first.getByTestId("check-output")).toContainText(d.expect, { timeout: 2000 });
    }).toPass({ timeout: 30_000 });

    await page.getByRole("button", { name: "Resolve…" }).click();
    await page.getByLabel("What fixed it").fill(`drill of ${d.number}: found the fault`);
    await page.getByRole("button", { name: "Resolve", exact: true }).click();
    await expect(page.getByTestId("run")).toHaveAttribute("data-status", "resolved");
    await expect(page.getByTestId("timeline")).toContainText(`Drill over: the sandbox's ${d.scenario} scenario is off`);
    expect(await activeScenarios()).not.toContain(d.scenario);
    console.log(`drill of runbook ${d.number} ${d.title} (e2e): ${await page.getByTestId("run-duration").textContent()}`);
  });
}
