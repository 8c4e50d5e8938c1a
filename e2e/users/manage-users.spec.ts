import { expect, test } from "@playwright/test";
import { api, shot, signIn } from "../fixtures/auth";

test("an admin creates a user, changes their role and disables them; the change reaches the user's open session", async ({ page, browser }) => {
  const email = `new-${Date.now()}@phoenix.local`;
  const password = "a-long-password";

  await signIn(page, "admin");
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByText("must be at least 8 characters")).toBeVisible();
  await dialog.getByLabel("Initial password").fill(password);
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId(`user-row-${email}`);
  await expect(row).toContainText("active");
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("viewer");

  // The new user signs in, in their own browser.
  const theirs = await browser.newPage();
  await signIn(theirs, { email, password });
  await expect(theirs.getByTestId("current-role")).toHaveText("viewer");

  // Role change applies on their next request.
  await row.getByLabel(`Role of ${email}`).selectOption("sre");
  await expect(page.getByText(`${email} is now sre`)).toBeVisible();
  await theirs.reload();
  await expect(theirs.getByTestId("current-role")).toHaveText("sre");

  // Disable: the preview names the user; a reason is required.
  await row.getByRole("button", { name: "Disable…" }).click();
  const confirm = page.getByRole("dialog", { name: `Disable ${email}` });
  await expect(confirm.getByTestId("action-preview")).toContainText(email);
  await expect(confirm.getByTestId("action-preview")).toContainText("role sre");
  await expect(confirm.getByRole("button", { name: "Disable user" })).toBeDisabled();
  await shot(page, "users-disable-preview");
  await confirm.getByLabel("Reason").fill("left the on-call rota");
  await confirm.getByRole("button", { name: "Disable user" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("disabled");
  await shot(page, "users");

  // Their next request is refused; they cannot sign in again.
  expect((await api(theirs, "GET", "/api/health")).status).toBe(401);
  await theirs.reload();
  await expect(theirs).toHaveURL(/\/signin/);
  await theirs.getByLabel("Email").fill(email);
  await theirs.getByLabel("Password").fill(password);
  await theirs.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(theirs.getByRole("alert").filter({ hasText: /Wrong email or password, or the account is disabled/ })).toBeVisible();

  // All of it is in the audit log, with the reason.
  await page.goto(`/audit?action=users.disable&outcome=ok`);
  await expect(page.getByTestId("audit-row").first()).toContainText("left the on-call rota");
  await theirs.close();
});

test("an admin cannot disable themselves", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/users");
  const me = page.getByTestId("user-row-admin@phoenix.local");
  await expect(me.getByRole("button", { name: "Disable…" })).toBeDisabled();
  const res = await api(page, "POST", "/api/actions/users.disable", { input: { email: "admin@phoenix.local" } });
  expect(res.status).toBe(409);
});
