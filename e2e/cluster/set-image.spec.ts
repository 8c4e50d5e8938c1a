import { expect, test } from "@playwright/test";
import { signIn } from "../fixtures/auth";

test("runbook 3.2's set image: the preview shows old → new, then staging rolls to the new image", async ({ page }) => {
  await signIn(page, "sre");
  await page.goto("/cluster?namespace=phoenix-staging");
  const api = page.getByTestId("workload-phoenix-api");
  await expect(api).toContainText("api:v2.4.0-rc.1");

  await api.getByRole("button", { name: "Set image…" }).click();
  const form = page.getByRole("dialog", { name: "Set image of deployment/phoenix-api" });
  await expect(form.getByLabel("Container")).toHaveValue("api");
  await form.getByLabel("Image").fill("ghcr.io/phoenix/platform/api:v2.4.0");
  await form.getByRole("button", { name: "Preview…" }).click();

  const confirm = page.getByRole("dialog", { name: "Set image of deployment/phoenix-api" });
  await expect(confirm.getByTestId("action-preview")).toContainText("ghcr.io/phoenix/platform/api:v2.4.0-rc.1 → ghcr.io/phoenix/platform/api:v2.4.0");
  await confirm.getByLabel("Reason").fill("promote v2.4.0 to staging");
  await confirm.getByRole("button", { name: "Set image" }).click();
  await expect(confirm).toBeHidden();

  await expect(api).toContainText("api:v2.4.0");
  await expect(api).toHaveAttribute("data-state", "healthy", { timeout: 30_000 });
  await expect(api.getByRole("cell").nth(3)).toHaveText("2");
});

test("a malformed image is refused with the field named, and nothing changes", async ({ page }) => {
  await signIn(page, "sre");
  const res = await page.evaluate(async () => {
    const r = await fetch("/api/actions/cluster.set-image", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: { namespace: "phoenix-staging", name: "phoenix-api", container: "api", image: "not an image; rm -rf /" } }),
    });
    return { status: r.status, body: await r.json() };
  });
  expect(res.status).toBe(422);
  expect(res.body.error.issues).toEqual([expect.objectContaining({ path: "input.image" })]);
});
