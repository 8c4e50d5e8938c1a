import { expect, test } from "@playwright/test";
import { OUTAGE_PORT, PROXY_CONTROL_PORT } from "../../playwright.config";
import { api, shot, signIn } from "../fixtures/auth";

// This console's store is PostgreSQL behind a proxy we can cut.
test.use({ baseURL: `http://localhost:${OUTAGE_PORT}` });

const control = (what: "cut" | "restore") => fetch(`http://127.0.0.1:${PROXY_CONTROL_PORT}/${what}`, { method: "POST" });
const ack = { input: { rows: [{ check: "gateway", status: "down" }], note: "during the outage" } };

test.afterEach(async () => {
  await control("restore");
});

test("with the store unreachable the health panel still works and every write is refused before it runs", async ({ page }) => {
  await signIn(page, "sre");
  await expect(page.getByTestId("health-row-postgres")).toHaveAttribute("data-status", "ok");

  await control("cut");
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "The console store is unreachable" })).toBeVisible();
  await expect(page.getByTestId("health-row-redis")).toHaveAttribute("data-status", "ok");
  await expect(page.getByTestId("health-row-gateway")).toHaveAttribute("data-status", "down");
  await shot(page, "overview-store-down");

  const refused = await api(page, "POST", "/api/actions/health.acknowledge", ack);
  expect(refused.status).toBe(503);
  expect(refused.json.error).toMatchObject({ code: "STORE_UNAVAILABLE", message: expect.stringContaining("refused and nothing was run") });

  const audit = await api(page, "GET", "/api/audit");
  expect(audit.status).toBe(503);

  // Back again: the same action goes through, and the refused one left no trace.
  await control("restore");
  await expect(async () => {
    const ok = await api(page, "POST", "/api/actions/health.acknowledge", { ...ack, input: { ...ack.input, note: "after the outage" } });
    expect(ok.status).toBe(200);
  }).toPass({ timeout: 15_000 });
  const events = await api(page, "GET", "/api/audit?action=health.acknowledge&outcome=started");
  expect(events.json.events.map((e: { input: { note: string } }) => e.input.note)).toEqual(["after the outage"]);
});
