import { expect, test } from "@playwright/test";
import { api, shot, signIn } from "../fixtures/auth";

test("an sre requests a deployment; the same sre cannot approve it; a lead approves exactly what will change", async ({ page }) => {
  await signIn(page, "sre");
  await page.getByRole("link", { name: "Deployments" }).click();
  const form = page.getByRole("form", { name: "Request a deployment" });
  await form.getByLabel("Version (image tag)").fill("v2.3.9");
  await form.getByLabel("Environment").selectOption("production");
  await form.getByRole("checkbox", { name: "controller" }).uncheck();
  await form.getByRole("checkbox", { name: "generator" }).uncheck();
  await form.getByLabel("CI run URL (attestation: tests passing)").fill("https://ci.example/runs/4821");
  await form.getByLabel("Description").fill("api fix for the pool leak");
  await form.getByRole("button", { name: "Request deployment" }).click();
  const row = page.getByTestId("deployment-row").filter({ hasText: "v2.3.9" });
  await expect(row).toContainText("needs lead");
  await row.getByRole("link", { name: "v2.3.9" }).click();

  // Exactly what will change: the current image from the cluster → the new one.
  const change = page.getByTestId("change-api");
  await expect(change).toContainText("phoenix-api");
  await expect(change.locator("td").nth(3)).toHaveText(/^ghcr\.io\/phoenix\/platform\/api:\S+$/);
  await expect(change.locator("td").nth(4)).toHaveText("ghcr.io/phoenix/platform/api:v2.3.9");
  await expect(page.getByTestId("change-controller")).toHaveCount(0);

  // Four eyes: the requester cannot approve, in the page or through the API.
  await expect(page.getByRole("button", { name: "Approve…" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Approve…" })).toHaveAttribute("title", "You requested this deployment; someone else must approve it (four eyes).");
  const id = page.url().split("/").pop()!;
  const self = await api(page, "POST", `/api/deployments/${id}/approve`, { comment: "lgtm" });
  expect(self.status).toBe(403);
  await shot(page, "deployment-requested");

  await page.context().clearCookies();
  await signIn(page, "lead");
  // Leads see what waits for them in the navigation.
  await expect(page.getByTestId("pending-approvals")).toHaveText(/^[1-9]\d*$/);
  const waiting = Number(await page.getByTestId("pending-approvals").textContent());
  await page.goto(`/deployments/${id}`);
  await page.getByRole("button", { name: "Approve…" }).click();
  await page.getByLabel("Comment").fill("diff checked: api only");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByTestId("deployment")).toHaveAttribute("data-approval", "approved");
  await expect(page.getByRole("list", { name: "Decisions" })).toContainText("lead@phoenix.local (lead), revision 1: diff checked: api only");
  await expect(page.getByRole("button", { name: "Approve…" })).toHaveAttribute("title", "You have decided on this revision already.");
  if (waiting === 1) await expect(page.getByTestId("pending-approvals")).toHaveCount(0);
  else await expect(page.getByTestId("pending-approvals")).toHaveText(String(waiting - 1));
  await shot(page, "deployment-approved");

  await page.goto("/audit?action=deploy.approve&outcome=ok");
  await expect(page.getByTestId("audit-row").first()).toContainText("lead@phoenix.local");
});
