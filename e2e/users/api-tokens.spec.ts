import { expect, request as apiRequest, test } from "@playwright/test";
import { shot, signIn } from "../fixtures/auth";

const BASE = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;

test("an admin issues a CI token: it is shown once, requests a deployment as svc:<name>, cannot approve, and stops when revoked", async ({ page }) => {
  const name = `ci-${Date.now() % 100_000}`;
  await signIn(page, "admin");
  await page.goto("/users");
  const form = page.getByRole("form", { name: "Issue an API token" });
  await form.getByLabel("Service identity").fill(name);
  await form.getByLabel("Role").selectOption("sre");
  await form.getByLabel("Expires after (days)").fill("30");
  await form.getByRole("button", { name: "Issue token" }).click();
  const dialog = page.getByRole("dialog", { name: `API token for svc:${name}` });
  const token = (await dialog.getByTestId("new-token").textContent())!;
  expect(token).toMatch(/^phx_[A-Za-z0-9_-]{43}$/);
  await shot(page, "api-token-issued");
  await dialog.getByRole("button", { name: "I have copied it" }).click();
  const row = page.getByTestId(`token-${name}`);
  await expect(row).toContainText(`${token.slice(0, 10)}…`);
  await expect(row).toContainText("never");
  await expect(page.getByText(token)).toHaveCount(0); // shown once

  // CI, with nothing but the token.
  const ci = await apiRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const requested = await ci.post("/api/deployments", { data: { version: "v4.0.1", environment: "staging", services: ["api"], description: "pipeline build 4.0.1", ciUrl: "https://ci.example/runs/77" } });
  expect(requested.status()).toBe(200);
  const deployment = (await requested.json()).deployment as { id: string; requestedBy: string };
  expect(deployment.requestedBy).toBe(`svc:${name}`);
  expect((await ci.get("/api/deployments")).status()).toBe(200);
  const approve = await ci.post(`/api/deployments/${deployment.id}/approve`, { data: { comment: "self-approve" } });
  expect(approve.status()).toBe(403);
  expect((await approve.json()).error.message).toBe("Approve deployment: Needs the lead role (you are sre).");
  const unknown = await apiRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { authorization: "Bearer phx_not-a-real-token" } });
  expect((await unknown.get("/api/deployments")).status()).toBe(401);

  await page.reload();
  await expect(row).not.toContainText("never");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveAttribute("data-state", "revoked");
  const refused = await ci.get("/api/deployments");
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.message).toMatch(new RegExp(`^The API token phx_\\S+… of ${name} was revoked\\.$`));

  // Each use is on the record under the service identity.
  await page.goto(`/audit?actor=svc:${name}`);
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "deploy.request" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "POST /api/deployments" }).first()).toBeVisible();
  await expect(rows.filter({ hasText: "denied" }).first()).toBeVisible();
  await shot(page, "api-token-audit");
  await ci.dispose();
  await unknown.dispose();
});
