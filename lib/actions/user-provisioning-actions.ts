import "server-only";
// Single sign-on provisioning: a person's first OIDC sign-in creates their account with the
// configured default role, as system:oidc on behalf of that person.
import { z } from "zod";
import { createUser } from "@/lib/users/create-user";
import { emailSchema, roleSchema } from "@/lib/users/user-schemas";
import { defineAction } from "./define-action";

export const usersProvision = defineAction({
  id: "users.provision",
  title: "Provision single sign-on user",
  description: "Create the account of a person signing in with OIDC for the first time (no password; OIDC_DEFAULT_ROLE).",
  input: z.object({ email: emailSchema, name: z.string().trim().max(200).nullable(), role: roleSchema }).strict(),
  risk: "write",
  target: (i) => `user:${i.email}`,
  run: (i, ctx) => createUser(ctx.store, { email: i.email, name: i.name, role: i.role }),
});
