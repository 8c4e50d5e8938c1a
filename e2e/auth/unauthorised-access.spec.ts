import { expect, test } from "@playwright/test";
import { api, emailOf, shot, signIn } from "../fixtures/auth";

const ack = { input: { rows: [{ check: "gateway", status: "down" }], note: "viewer tries" } };

test("a viewer sees why they cannot act, is refused by the API with 403, and the refusal is audited", async ({ page }) => {
  await signIn(page, "viewer");
  const button = page.getByRole("button", { name: "Acknowledge failing rows" });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute("title", "Needs the sre role (you are viewer).");
  await shot(page, "overview-viewer");

  const res = await api(page, "POST", "/api/actions/health.acknowledge", ack);
  expect(res.status).toBe(403);
  expect(res.json.error).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("Needs the sre role") });

  await page.goto(`/audit?outcome=denied&actor=${encodeURIComponent(emailOf("viewer"))}`);
  const row = page.getByTestId("audit-row").first();
  await expect(row).toContainText("health.acknowledge");
  await expect(row).toContainText("denied");
  await expect(row).toContainText("Needs the sre role");
});

test("only admins reach users: the page says so, the API refuses", async ({ page }) => {
  await signIn(page, "lead");
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users are managed by admins" })).toBeVisible();
  expect((await api(page, "GET", "/api/users")).status).toBe(403);
  const create = await api(page, "POST", "/api/actions/users.create", { input: { email: "x@phoenix.local", role: "admin", password: "long-enough" } });
  expect(create.status).toBe(403);
});

test("without a session every API answers 401, and writes from another origin are refused", async ({ request, page }) => {
  for (const path of ["/api/health", "/api/audit", "/api/audit/verify", "/api/users", "/api/audit/export?format=csv"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
  }
  expect((await request.post("/api/actions/health.acknowledge", { data: ack })).status()).toBe(401);

  await signIn(page, "admin");
  const foreign = await page.request.post("/api/actions/health.acknowledge", { data: ack, headers: { origin: "https://evil.example" } });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.message).toContain("https://evil.example");
});
