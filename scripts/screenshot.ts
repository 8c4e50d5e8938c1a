// Screenshots pages as a signed-in user, for looking at what we built:
//   tsx scripts/screenshot.ts <baseUrl> <email> <password> <outDir> <path> [<path>...]
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const [baseUrl = "http://localhost:3000", email = "admin@phoenix.local", password = "demo", outDir = "e2e/artifacts", ...paths] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
mkdirSync(outDir, { recursive: true });
await page.goto(`${baseUrl}/signin`);
await page.screenshot({ path: path.join(outDir, "signin.png"), fullPage: true });
await page.getByLabel("Email").fill(email);
await page.getByLabel("Password").fill(password);
await page.getByRole("button", { name: "Sign in", exact: true }).click();
await page.waitForURL(`${baseUrl}/`);
for (const p of paths.length ? paths : ["/", "/audit", "/users"]) {
  await page.goto(`${baseUrl}${p}`);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(2500);
  const name = p === "/" ? "overview" : p.replace(/^\//, "").replace(/[/?=&]/g, "_");
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
  console.log(`saved ${name}.png`);
}
await browser.close();
