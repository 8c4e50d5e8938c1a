import "server-only";
import { z } from "zod";
import { issueToken, revokeToken, serviceActor, TOKEN_ROLES } from "@/lib/tokens/api-tokens";
import { defineAction } from "./define-action";

/** An admin issues an API token for a service identity (CI); the answer holds the token, once. */
export const tokensIssue = defineAction({
  id: "tokens.issue",
  title: "Issue API token",
  description: "Issue an API token for a service identity with a role; it is shown once.",
  input: z
    .object({
      name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, "lower-case letters, digits and dashes, like github-ci"),
      role: z.enum(TOKEN_ROLES),
      expiresInDays: z.number().int().min(1).max(365).default(90),
    })
    .strict(),
  risk: "write",
  target: (i) => serviceActor(i.name),
  run: (i, ctx) => issueToken(ctx.store, i, ctx.actor.email),
});

export const tokensRevoke = defineAction({
  id: "tokens.revoke",
  title: "Revoke API token",
  description: "Revoke an API token at once; requests with it are refused from now on.",
  input: z.object({ id: z.string().uuid() }).strict(),
  risk: "write",
  target: (i) => `api-token:${i.id}`,
  run: (i, ctx) => revokeToken(ctx.store, i.id, ctx.actor.email),
});
