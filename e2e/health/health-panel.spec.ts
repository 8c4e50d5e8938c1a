import { expect, test } from "@playwright/test";
import { api, shot, signIn } from "../fixtures/auth";

test("the overview shows runbook 1.1 live: ok rows for the real dependencies, a down row for the gateway", async ({ page }) => {
  await signIn(page, "sre");
  const row = (check: string) => page.getByTestId(`health-row-${check}`);
  for (const check of ["postgres", "redis", "prometheus"]) {
    await expect(row(check)).toHaveAttribute("data-status", "ok");
    await expect(row(check).getByText(/\d+ ms/)).toBeVisible();
  }
  await expect(row("postgres")).toContainText("SELECT 1 → 1");
  await expect(row("redis")).toContainText("PONG");
  await expect(row("prometheus")).toContainText("Prometheus Server is Healthy");
  await expect(row("gateway")).toHaveAttribute("data-status", "down");
  await expect(row("gateway")).toContainText("ECONNREFUSED");
  await expect(page.getByText("1 failing")).toBeVisible();
  await shot(page, "overview");
});

test("the panel refreshes by itself and on demand", async ({ page }) => {
  await signIn(page, "viewer");
  const first = await page.waitForResponse((r) => r.url().endsWith("/api/health") && r.ok());
  const firstAt = (await first.json()).checkedAt;
  // HEALTH_REFRESH_MS is 3 s in the e2e server: the next answer arrives without a reload.
  const next = await page.waitForResponse((r) => r.url().endsWith("/api/health") && r.ok(), { timeout: 10_000 });
  expect((await next.json()).checkedAt).not.toBe(firstAt);
  const manual = page.waitForResponse((r) => r.url().endsWith("/api/health"));
  await page.getByRole("button", { name: "Refresh health checks" }).click();
  expect((await manual).ok()).toBe(true);
});

test("GET /api/health answers the same as JSON; /api/healthz needs no sign-in", async ({ page, request }) => {
  const live = await request.get("/api/healthz");
  expect(live.status()).toBe(200);
  expect(await live.json()).toMatchObject({ status: "ok" });
  expect((await request.get("/api/health")).status()).toBe(401);

  await signIn(page, "viewer");
  const res = await api(page, "GET", "/api/health");
  expect(res.status).toBe(200);
  expect(res.json.status).toBe("degraded");
  expect(res.json.checks.map((c: { check: string; status: string }) => [c.check, c.status])).toEqual([
    ["gateway", "down"],
    ["postgres", "ok"],
    ["redis", "ok"],
    ["prometheus", "ok"],
    ["service:api", "ok"],
    ["service:controller", "ok"],
    ["service:generator", "ok"],
  ]);
});
