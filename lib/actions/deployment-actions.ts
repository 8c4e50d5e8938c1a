import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { recordPreChecks, runPreChecks, withCurrentAuthorisation } from "@/lib/deployments/checks";
import { startDeployment } from "@/lib/deployments/execute";
import { createDeploymentRequest, decideDeploymentRequest, getDeploymentRequest, IMAGE_TAG, updateDeploymentRequest } from "@/lib/deployments/requests";
import { defineAction } from "./define-action";
import { freeText, httpUrl } from "./text-input";

const id = z.string().uuid();
const services = z.array(z.string().min(1).max(50)).min(1).max(20);
const version = z.string().regex(IMAGE_TAG, "must be an image tag like v2.4.0");

/** Runbook 3.1: an sre asks for a version to be deployed to an environment. */
export const deployRequest = defineAction({
  id: "deploy.request",
  title: "Request deployment",
  description: "Ask for a version to be deployed; a lead who is not you approves it (a hotfix: an admin authorises it).",
  input: z
    .object({ kind: z.enum(["standard", "hotfix"]).optional(), version, environment: z.string().min(1).max(50), services, description: freeText(2000, 3), ciUrl: httpUrl(500).optional(), runId: z.string().uuid().optional() })
    .strict(),
  risk: "write",
  target: (i) => `${i.kind === "hotfix" ? "hotfix" : "deployment"} ${i.version} → ${i.environment}`,
  run: async (i, ctx) => {
    const created = await createDeploymentRequest(ctx.store, i, ctx.actor.email);
    await recordPreChecks(ctx.store, created, ctx.actor.email, "at request");
    return getDeploymentRequest(ctx.store, created.id);
  },
});

/** The requester changes the request; approvals given before no longer count. */
export const deployUpdate = defineAction({
  id: "deploy.update",
  title: "Change deployment request",
  description: "Change the version, services or description; it needs approving again.",
  input: z.object({ id, version: version.optional(), services: services.optional(), description: freeText(2000, 3).optional() }).strict(),
  risk: "write",
  target: (i) => `deployment-request:${i.id}`,
  run: ({ id: requestId, ...patch }, ctx) => updateDeploymentRequest(ctx.store, requestId, patch, ctx.actor.email),
});

const decision = z.object({ id, comment: freeText(2000, 3) }).strict();

/** Approve and reject differ only in the decision they record. */
const decisionAction = (kind: "approve" | "reject", title: string, description: string) =>
  defineAction({
    id: `deploy.${kind}`,
    title,
    description,
    input: decision,
    risk: "write",
    target: (i) => `deployment-request:${i.id}`,
    run: async (i, ctx) => {
      if (kind === "reject") return decideDeploymentRequest(ctx.store, i.id, ctx.actor, kind, i.comment);
      // Approval is backed by a server-side dry run of each change, now.
      const report = await runPreChecks(ctx.store, await getDeploymentRequest(ctx.store, i.id));
      const dryRun = report.checks.find((c) => c.id === "dry-run")!;
      if (dryRun.state !== "ok") {
        await recordPreChecks(ctx.store, await getDeploymentRequest(ctx.store, i.id), ctx.actor.email, "at approval", report);
        throw new AppError("CONFLICT", `Not approved: the cluster does not accept the change as it stands. ${dryRun.detail} ${(dryRun.items ?? []).join("; ")}`);
      }
      const decided = await decideDeploymentRequest(ctx.store, i.id, ctx.actor, kind, i.comment);
      // Written after the decision, so a hotfix's checks say who authorised it.
      await recordPreChecks(ctx.store, decided, ctx.actor.email, "at approval", withCurrentAuthorisation(report, decided));
      return getDeploymentRequest(ctx.store, i.id);
    },
  });

export const deployApprove = decisionAction("approve", "Approve deployment", "Approve the request as it is now (four eyes: never your own).");
export const deployReject = decisionAction("reject", "Reject deployment", "Reject the request, with the reason.");

/** Runbook 3.1 steps 1–6: checks again, then record, set image, watch, smoke-test, roll back on failure. */
export const deployExecute = defineAction({
  id: "deploy.execute",
  title: "Execute deployment",
  description: "Run the approved deployment: record, set image, watch rollouts, smoke tests; roll back automatically on failure.",
  input: z.object({ id }).strict(),
  risk: "write",
  target: (i) => `deployment-request:${i.id}`,
  run: (i, ctx) => startDeployment(ctx.store, i.id, ctx.actor, ctx.runSystem),
});
