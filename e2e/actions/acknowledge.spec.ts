import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { shot, signIn } from "../fixtures/auth";

test("an sre acknowledges the failing rows; the audit page shows it, filters it, exports it, and the chain holds", async ({ page }) => {
  const note = `gateway down: paged platform team ${Date.now()}`;
  await signIn(page, "sre");
  await expect(page.getByTestId("health-row-gateway")).toHaveAttribute("data-status", "down");
  await page.getByRole("button", { name: "Acknowledge failing rows" }).click();
  const dialog = page.getByRole("dialog", { name: "Acknowledge failing health checks" });
  await expect(dialog).toContainText("API gateway");
  await shot(page, "acknowledge-dialog");
  await dialog.getByLabel("Note").fill(note);
  await dialog.getByRole("button", { name: "Record acknowledgement" }).click();
  await expect(page.getByText("Acknowledgement recorded in the audit log")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("last-ack")).toContainText(note);
  await expect(page.getByTestId("last-ack")).toContainText("sre@phoenix.local");

  // The audit page: newest first, intent and outcome of the action.
  await page.getByRole("link", { name: "Audit" }).click();
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toContainText("health.acknowledge");
  await expect(rows.first()).toContainText("ok");
  await expect(rows.first()).toContainText("sre@phoenix.local");
  await expect(rows.nth(1)).toContainText("started");
  await expect(page.getByTestId("chain-badge")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("chain-badge")).toContainText("Chain verified");
  await rows.nth(1).getByRole("button", { name: /Details of event/ }).click();
  await expect(page.getByText(note)).toBeVisible();
  await shot(page, "audit");

  // Filters: by outcome and action, then by an actor that matches nothing.
  const filters = page.getByRole("form", { name: "Filter audit events" });
  await filters.getByLabel("Outcome").selectOption("ok");
  await filters.getByLabel("Action").selectOption("health.acknowledge");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/outcome=ok/);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allInnerTexts()) {
    expect(text).toContain("health.acknowledge");
    expect(text).not.toContain("started");
  }
  // A reload keeps the filter (it lives in the URL).
  await page.reload();
  await expect(page.getByRole("form", { name: "Filter audit events" }).getByLabel("Outcome")).toHaveValue("ok");

  // Export the filtered set as CSV and JSON.
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await readFile(await (await csvDownload).path(), "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("seq,time,actor,actorRole,onBehalfOf,action,stage,target,outcome,reason,error,actionId,input,result,hash");
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes('"health.acknowledge"') && l.includes('"ok"'))).toBe(true);

  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export JSON" }).click();
  const exported = JSON.parse(await readFile(await (await jsonDownload).path(), "utf8")) as { action: string; outcome: string; actor: string }[];
  expect(exported.length).toBe(lines.length - 1);
  expect(exported[0]).toMatchObject({ action: "health.acknowledge", outcome: "ok", actor: "sre@phoenix.local" });

  await filters.getByLabel("Actor").fill("nobody-at-all");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No events match these filters.")).toBeVisible();
});
