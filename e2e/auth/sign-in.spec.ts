import { expect, test } from "@playwright/test";
import { PASSWORD, emailOf, shot, signIn, type Role } from "../fixtures/auth";

test("an unauthenticated visit goes to the sign-in page, which offers no demo users in production", async ({ page }) => {
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Phoenix Ops Console" })).toBeVisible();
  await expect(page.getByText("Demo users")).toHaveCount(0);
  await shot(page, "signin");
});

for (const role of ["viewer", "sre", "lead", "admin"] as Role[]) {
  test(`${role} signs in and sees who they are, their role and the environment`, async ({ page }) => {
    await signIn(page, role);
    await expect(page.getByTestId("current-role")).toHaveText(role);
    await expect(page.getByTestId("env-badge")).toHaveText("staging");
    const nav = page.getByRole("navigation", { name: "Sections" });
    await expect(nav.getByRole("link", { name: "Overview" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Audit" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(role === "admin" ? 1 : 0);
  });
}

test("a wrong password is refused with a message, and no session", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(emailOf("sre"));
  await page.getByLabel("Password").fill(`${PASSWORD}-wrong`);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Wrong email or password/ })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
  await signIn(page, "viewer");
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("phoenix.session-token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
});

test("scripts sign in with next-auth's credentials flow", async ({ request }) => {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: emailOf("sre"), password: PASSWORD, json: "true" },
  });
  expect(res.status()).toBeLessThan(400);
  const session = await (await request.get("/api/auth/session")).json();
  expect(session.user).toMatchObject({ email: emailOf("sre"), role: "sre" });
});
