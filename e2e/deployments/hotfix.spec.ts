import { expect, test } from "@playwright/test";
import { api, shot, signIn } from "../fixtures/auth";
import { useWebhookReceiver } from "../fixtures/webhook";

const notices = useWebhookReceiver();

test("runbook 3.2: an sre asks for a hotfix, an admin authorises it; one pod, a watched window, scaled back to 3", async ({ page }) => {
  const version = `hotfix-${(Date.now() % 0xfffffff).toString(16)}`;
  await signIn(page, "sre");
  // The seed's phoenix-api runs 3 replicas (an earlier spec may have scaled it).
  const scaled = await api(page, "POST", "/api/actions/cluster.scale", { input: { namespace: "phoenix-system", name: "phoenix-api", replicas: 3 }, confirm: true, reason: "back to the seed's 3 replicas" });
  expect(scaled.status, scaled.text).toBe(200);
  await page.goto("/deployments");
  const form = page.getByRole("form", { name: "Request a deployment" });
  await form.getByRole("radio", { name: "Emergency hotfix (runbook 3.2)" }).check();
  await form.getByLabel("Version (image tag)").fill(version);
  await form.getByLabel("Environment").selectOption("production");
  await expect(form.getByRole("radio", { name: "api", exact: true })).toBeChecked();
  await form.getByLabel("Justification").fill("checkout returns 500: nil pointer in the pricing client");
  await form.getByRole("button", { name: "Request hotfix" }).click();
  const row = page.getByTestId("deployment-row").filter({ hasText: version });
  await expect(row).toContainText("hotfix");
  await expect(row).toContainText("needs admin");
  await row.getByRole("link", { name: version }).click();
  await page.waitForURL(/\/deployments\/[0-9a-f-]{36}$/);
  const url = page.url();

  // What the console cannot do, it shows: the seed's git and docker steps.
  await expect(page.getByTestId("hotfix-manual")).toContainText("docker push ghcr.io/phoenix/platform/api:hotfix-$(git rev-parse --short HEAD)");
  await expect(page.getByRole("button", { name: "Authorise…" })).toHaveAttribute("title", "You requested this deployment; someone else must approve it (four eyes).");

  await page.context().clearCookies();
  await signIn(page, "admin");
  await page.goto(url);
  await page.getByRole("button", { name: "Authorise…" }).click();
  await page.getByLabel("Comment").fill("customer impact; authorised");
  await page.getByRole("button", { name: "Authorise", exact: true }).click();
  await expect(page.getByTestId("deployment")).toHaveAttribute("data-approval", "approved");
  await expect(page.getByTestId("pre-checks")).toHaveAttribute("data-passed", "true", { timeout: 30_000 });
  await page.getByRole("button", { name: "Execute…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Execute", exact: true }).click();

  // The window: a countdown, the pod's restarts, its live log.
  const window = page.getByTestId("hotfix-window");
  await expect(window.getByLabel("Time left in the monitoring window")).toBeVisible({ timeout: 30_000 });
  await expect(window.getByTestId("window-pod")).toContainText("0 restarts");
  await expect(window.getByRole("heading", { name: /^Logs of phoenix-api-/ })).toBeVisible();
  await shot(page, "hotfix-window");

  await expect(page.getByTestId("deployment")).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(window).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("outcome")).toHaveText(new RegExp(`^Hotfix ${version} live on phoenix-api in production \\(3 replicas\\) in \\d+\\.\\d s; smoke tests passed\\.$`));
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText("Recorded phoenix-api at 3 replicas");
  await expect(timeline).toContainText("deployment.apps/phoenix-api scaled to 1 (a single pod first)");
  await expect(timeline).toContainText("Stable for 6 s: no restarts, ready throughout");
  await expect(timeline).toContainText("deployment.apps/phoenix-api scaled to 3 (the count recorded before the hotfix)");
  await expect(page.getByTestId("hotfix-reminder")).toHaveAttribute("data-open", "true");
  await shot(page, "hotfix-done");

  await page.goto("/cluster?namespace=phoenix-system&l=app%3Dphoenix-api");
  const workload = page.getByTestId("workload-phoenix-api");
  await expect(workload).toContainText(version);
  await expect(workload).toContainText("3/3");
  await page.goto("/deployments");
  await expect(page.getByTestId("hotfix-reminder").filter({ hasText: version })).toContainText("create a proper PR for main");
  await shot(page, "deployments-list");
  await expect.poll(() => notices.filter((n) => n.includes(version))).toEqual([expect.stringMatching(/^🚀 HOTFIX: deploying/), expect.stringMatching(/^✅ Hotfix .* live on phoenix-api/)]);
});
