import { expect, test } from "@playwright/test";
import { shot, signIn } from "../fixtures/auth";

test("runbook 2.4: the sre drains a node after a preview of the pods it evicts, then uncordons it", async ({ page }) => {
  await signIn(page, "sre");
  await page.goto("/cluster?namespace=phoenix-system");
  const node = page.getByTestId("node-phoenix-node-3");
  await expect(node).toHaveAttribute("data-ready", "true");

  await node.getByRole("button", { name: "Drain…" }).click();
  const confirm = page.getByRole("dialog", { name: "Drain phoenix-node-3" });
  const preview = confirm.getByTestId("action-preview");
  await expect(preview).toContainText("Cordon phoenix-node-3 and evict");
  await expect(preview).toContainText("DaemonSet-managed (stays)");
  await shot(page, "cluster-drain-preview");
  await confirm.getByLabel("Reason").fill("runbook 2.4: collector memory pressure on node 3");
  await confirm.getByRole("button", { name: "Drain" }).click();
  await expect(confirm).toBeHidden({ timeout: 60_000 });

  await expect(node).toContainText("SchedulingDisabled");
  // Only the daemonset's pod is left there.
  await expect(node).toContainText(/· 1 pods ·/, { timeout: 20_000 });

  await node.getByRole("button", { name: "Uncordon" }).click();
  await expect(node).not.toContainText("SchedulingDisabled");

  await page.goto("/audit?action=cluster.drain&outcome=ok");
  await expect(page.getByTestId("audit-row").first()).toContainText("node/phoenix-node-3");
});
