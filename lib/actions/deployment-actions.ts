import "server-only";
import { z } from "zod";
import { createDeploymentRequest, decideDeploymentRequest, IMAGE_TAG, updateDeploymentRequest } from "@/lib/deployments/requests";
import { defineAction } from "./define-action";

const id = z.string().uuid();
const services = z.array(z.string().min(1).max(50)).min(1).max(20);
const version = z.string().regex(IMAGE_TAG, "must be an image tag like v2.4.0");

/** Runbook 3.1: an sre asks for a version to be deployed to an environment. */
export const deployRequest = defineAction({
  id: "deploy.request",
  title: "Request deployment",
  description: "Ask for a version to be deployed; a lead who is not you approves it.",
  input: z
    .object({ version, environment: z.string().min(1).max(50), services, description: z.string().trim().min(3).max(2000), ciUrl: z.string().url().max(500).optional() })
    .strict(),
  risk: "write",
  target: (i) => `deployment ${i.version} → ${i.environment}`,
  run: (i, ctx) => createDeploymentRequest(ctx.store, i, ctx.actor.email),
});

/** The requester changes the request; approvals given before no longer count. */
export const deployUpdate = defineAction({
  id: "deploy.update",
  title: "Change deployment request",
  description: "Change the version, services or description; it needs approving again.",
  input: z.object({ id, version: version.optional(), services: services.optional(), description: z.string().trim().min(3).max(2000).optional() }).strict(),
  risk: "write",
  target: (i) => `deployment-request:${i.id}`,
  run: ({ id: requestId, ...patch }, ctx) => updateDeploymentRequest(ctx.store, requestId, patch, ctx.actor.email),
});

const decision = z.object({ id, comment: z.string().trim().min(3).max(2000) }).strict();

/** Approve and reject differ only in the decision they record. */
const decisionAction = (kind: "approve" | "reject", title: string, description: string) =>
  defineAction({
    id: `deploy.${kind}`,
    title,
    description,
    input: decision,
    risk: "write",
    target: (i) => `deployment-request:${i.id}`,
    run: (i, ctx) => decideDeploymentRequest(ctx.store, i.id, ctx.actor, kind, i.comment),
  });

export const deployApprove = decisionAction("approve", "Approve deployment", "Approve the request as it is now (four eyes: never your own).");
export const deployReject = decisionAction("reject", "Reject deployment", "Reject the request, with the reason.");
