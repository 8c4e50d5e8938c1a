import { expect, type Page, test } from "@playwright/test";
import { api, shot, signIn } from "../fixtures/auth";
import { useWebhookReceiver } from "../fixtures/webhook";

const notices = useWebhookReceiver();

/** "No ongoing incidents" is a prerequisite: close whatever SEV1/SEV2 run an earlier spec left open. */
async function noOpenIncidents(page: Page) {
  for (const status of ["in_progress", "escalated"]) {
    const { json } = await api(page, "GET", `/api/runs?status=${status}`);
    for (const run of json.runs as { id: string; severity: string | null; drill: boolean }[]) {
      if (!run.drill && (run.severity === "SEV1" || run.severity === "SEV2")) {
        expect((await api(page, "POST", `/api/runs/${run.id}/finish`, { status: "abandoned", note: "closed before the deployment test" })).status).toBe(200);
      }
    }
  }
}

const unique = () => String(Date.now() % 1_000_000);

test("sre requests, lead approves and executes: rollouts with live progress, smoke tests pass, the webhook hears it", async ({ page }) => {
  const version = `v3.1.${unique()}`;
  await signIn(page, "sre");
  await page.goto("/deployments");
  const form = page.getByRole("form", { name: "Request a deployment" });
  await form.getByLabel("Version (image tag)").fill(version);
  await form.getByLabel("Environment").selectOption("staging");
  await form.getByLabel("CI run URL (attestation: tests passing)").fill("https://ci.example/runs/5120");
  await form.getByLabel("Description").fill("release 3.1 to staging");
  await form.getByRole("button", { name: "Request deployment" }).click();
  await page.getByTestId("deployment-row").filter({ hasText: version }).getByRole("link", { name: version }).click();
  await page.waitForURL(/\/deployments\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;

  // The checklist, live; the sre cannot execute before a lead approves.
  const checks = page.getByTestId("pre-checks");
  await expect(checks.getByTestId("check-tag")).toHaveAttribute("data-state", "ok");
  await expect(checks.getByTestId("check-dry-run")).toContainText(`phoenix-api/api: ghcr.io/phoenix/platform/api:`);
  await expect(checks.getByTestId("check-dry-run")).toContainText(`→ ghcr.io/phoenix/platform/api:${version}`);
  await expect(checks.getByTestId("check-ci")).toContainText("Attested by the requester: https://ci.example/runs/5120");
  await expect(page.getByRole("button", { name: "Execute…" })).toHaveAttribute("title", "Needs approval by lead first.");

  await page.context().clearCookies();
  await signIn(page, "lead");
  await noOpenIncidents(page);
  await page.goto(`/deployments/${id}`);
  await page.getByRole("button", { name: "Approve…" }).click();
  await page.getByLabel("Comment").fill("staging, all three services");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByTestId("deployment")).toHaveAttribute("data-approval", "approved");
  await expect(checks).toHaveAttribute("data-passed", "true", { timeout: 30_000 });
  await shot(page, "deployment-ready");

  await page.getByRole("button", { name: "Execute…" }).click();
  const dialog = page.getByRole("dialog", { name: `Execute ${version} to staging` });
  await expect(dialog).toContainText(`phoenix-api/api → ghcr.io/phoenix/platform/api:${version}`);
  await dialog.getByRole("button", { name: "Execute", exact: true }).click();
  await expect(dialog).toBeHidden();

  // Live progress per service, then the outcome.
  const deployment = page.getByTestId("deployment");
  await expect(deployment).toHaveAttribute("data-status", /executing|succeeded/);
  await expect(page.getByTestId("rollout-api").getByRole("progressbar", { name: "Updated pods" })).toBeVisible();
  await expect(deployment).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  for (const s of ["api", "controller", "generator"]) await expect(page.getByTestId(`rollout-${s}`)).toHaveAttribute("data-state", "rollout:ok");
  await expect(page.getByTestId("rollout-api")).toContainText('deployment "phoenix-api" successfully rolled out');
  await expect(page.getByTestId("outcome")).toHaveText(new RegExp(`^Deployed ${version.replaceAll(".", "\\.")} to staging in \\d+\\.\\d s; smoke tests passed\\.$`));
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText(`configmap/deployment-${version} created in phoenix-staging`);
  await expect(timeline).toContainText(/API health after the rollout: HTTP 200 in \d+ ms/);
  await shot(page, "deployment-succeeded");

  await expect.poll(() => notices.filter((n) => n.includes(version))).toEqual([expect.stringMatching(/^🚀 Deploying/), expect.stringMatching(/^✅ Deployed/)]);
  // The history shows it, filtered.
  await page.goto("/deployments");
  await page.getByLabel("Filter by status").selectOption("succeeded");
  await expect(page.getByTestId("deployment-row").filter({ hasText: version })).toContainText("succeeded");
});

test("a version whose image cannot be pulled: the rollout stalls, the console rolls back by itself and says why", async ({ page }) => {
  const version = `v3.2.${unique()}-bad`;
  await signIn(page, "sre");
  const requested = await api(page, "POST", "/api/deployments", { version, environment: "staging", services: ["api"], description: "a build that was never pushed", ciUrl: "https://ci.example/runs/5121" });
  expect(requested.status).toBe(200);
  const id = requested.json.deployment.id as string;
  const before = ((await api(page, "GET", `/api/deployments/${id}`)).json.events as { kind: string; detail: { checks: { id: string; items?: string[] }[] } }[])
    .find((e) => e.kind === "checks")!
    .detail.checks.find((c) => c.id === "dry-run")!.items![0]!;
  const previous = /: (\S+) →/.exec(before)![1]!;

  await page.context().clearCookies();
  await signIn(page, "lead");
  await noOpenIncidents(page);
  expect((await api(page, "POST", `/api/deployments/${id}/approve`, { comment: "go ahead" })).status).toBe(200);
  await page.goto(`/deployments/${id}`);
  await expect(page.getByTestId("pre-checks")).toHaveAttribute("data-passed", "true", { timeout: 30_000 });
  await page.getByRole("button", { name: "Execute…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Execute", exact: true }).click();

  const deployment = page.getByTestId("deployment");
  await expect(deployment).toHaveAttribute("data-status", "rolled_back", { timeout: 60_000 });
  await expect(page.getByTestId("outcome")).toHaveText(/^Rollout failed: phoenix-api: pod phoenix-api-\S+ (ImagePullBackOff|ErrImagePull) for \d+ s\. Rolled back automatically: api runs its previous image again and the smoke tests pass\.$/);
  await expect(page.getByTestId("rollout-api")).toHaveAttribute("data-state", "rollback:ok");
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText(`deployment.apps/phoenix-api rolled back to revision`);
  await expect(timeline).toContainText(/API health after the rollback: HTTP 200/);
  await shot(page, "deployment-rolled-back");

  // The cluster runs the image it ran before.
  await page.goto("/cluster?namespace=phoenix-staging");
  await expect(page.getByTestId("workload-phoenix-api")).toContainText(previous);
  await expect.poll(() => notices.filter((n) => n.includes(version))).toEqual([
    expect.stringMatching(/^🚀 Deploying/),
    expect.stringMatching(/^❌ Deployment of .* failed: Rollout failed: phoenix-api: pod/),
    expect.stringMatching(/^↩️ Rolled back .*: api back on its previous image$/),
  ]);
});

test("runbook 3.1 leads into the workflow: the run's checklist and timeline follow its deployment", async ({ page }) => {
  const version = `v3.3.${unique()}`;
  await signIn(page, "sre");
  await page.goto("/runbooks");
  await page.getByTestId("runbook-3.1").getByRole("button", { name: "Start…" }).click();
  const start = page.getByRole("dialog", { name: "Start runbook 3.1 Standard Deployment" });
  await start.getByLabel("Version (image tag)").fill(version);
  await start.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const runUrl = page.url();
  await expect(page.getByTestId("step-pre-checks")).toHaveAttribute("data-state", "pending");
  await page.getByTestId("step-request").getByRole("link", { name: "Request the deployment…" }).click();

  const form = page.getByRole("form", { name: "Request a deployment" });
  await expect(form.getByTestId("for-run")).toContainText("3.1 Standard Deployment");
  await expect(form.getByLabel("Version (image tag)")).toHaveValue(version);
  await form.getByLabel("Environment").selectOption("staging");
  await form.getByRole("checkbox", { name: "controller" }).uncheck();
  await form.getByLabel("CI run URL (attestation: tests passing)").fill("https://ci.example/runs/5200");
  await form.getByLabel("Description").fill("release through the runbook");
  await form.getByRole("button", { name: "Request deployment" }).click();
  await page.waitForURL(/\/deployments\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;
  await page.getByRole("link", { name: "runbook 3.1 run" }).click();
  await expect(page).toHaveURL(runUrl);
  await expect(page.getByTestId("step-request")).toHaveAttribute("data-state", "running");
  await expect(page.getByTestId("run-deployment")).toContainText(`Deployment ${version} to staging: not started.`);
  await expect(page.getByTestId("step-pre-checks")).toHaveAttribute("data-state", "done");

  await page.context().clearCookies();
  await signIn(page, "lead");
  await noOpenIncidents(page);
  expect((await api(page, "POST", `/api/deployments/${id}/approve`, { comment: "approved from the run" })).status).toBe(200);
  await expect.poll(async () => (await api(page, "GET", `/api/deployments/${id}/checks`)).json.passed, { timeout: 30_000 }).toBe(true);
  expect((await api(page, "POST", `/api/deployments/${id}/execute`, {})).status).toBe(200);
  await page.goto(runUrl);
  await expect(page.getByTestId("step-status")).toHaveAttribute("data-state", "done", { timeout: 45_000 });
  for (const step of ["request", "pre-checks", "record", "images", "rollout", "smoke"]) await expect(page.getByTestId(`step-${step}`)).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("step-images")).toContainText(`api: deployment.apps/phoenix-api image updated: api`);
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("Deployment approved: approved from the run");
  await expect(timeline).toContainText(new RegExp(`Deployment: Deployed ${version.replaceAll(".", "\\.")} to staging in`));
  await shot(page, "runbook-3.1-run");
});
