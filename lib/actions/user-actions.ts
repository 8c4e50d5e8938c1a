import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";
import { getUserOrThrow, setUserDisabled, setUserRole } from "@/lib/users/update-user";
import { emailSchema, newPasswordSchema, roleSchema } from "@/lib/users/user-schemas";
import { defineAction } from "./define-action";

export const usersCreate = defineAction({
  id: "users.create",
  title: "Create user",
  description: "Add a person who can sign in with an email and password.",
  input: z
    .object({ email: emailSchema, role: roleSchema, name: z.string().trim().max(200).optional(), password: newPasswordSchema })
    .strict(),
  risk: "write",
  target: (input) => `user:${input.email}`,
  run: (input, ctx) => createUser(ctx.store, input),
  summarise: (user) => ({ email: user.email, role: user.role }),
});

export const usersSetRole = defineAction({
  id: "users.set-role",
  title: "Change role",
  description: "Change what a user may do. Takes effect on their next request.",
  input: z.object({ email: emailSchema, role: roleSchema }).strict(),
  risk: "write",
  target: (input) => `user:${input.email}`,
  run: (input, ctx) => setUserRole(ctx.store, input),
  summarise: (user) => ({ email: user.email, role: { before: user.previous.role, after: user.role } }),
});

const emailOnly = z.object({ email: emailSchema }).strict();

export const usersDisable = defineAction({
  id: "users.disable",
  title: "Disable user",
  description: "Refuse the user's sign-ins and their next request. Their audit history stays.",
  input: emailOnly,
  risk: "destructive",
  target: (input) => `user:${input.email}`,
  preview: async (input, ctx) => {
    if (input.email === ctx.actor.email) throw new AppError("CONFLICT", "You cannot disable yourself.");
    const user = await getUserOrThrow(ctx.store, input.email);
    return {
      summary: `Disable ${user.email}: their open sessions stop working on their next request.`,
      items: [{ label: user.email, detail: `role ${user.role}${user.disabledAt ? ", already disabled" : ""}` }],
      warnings: user.role === "admin" ? ["This user is an admin."] : undefined,
    };
  },
  run: (input, ctx) => {
    if (input.email === ctx.actor.email) throw new AppError("CONFLICT", "You cannot disable yourself.");
    return setUserDisabled(ctx.store, { email: input.email, disabled: true });
  },
  summarise: (user) => ({ email: user.email, disabled: { before: user.previous.disabled, after: user.disabled } }),
});

export const usersEnable = defineAction({
  id: "users.enable",
  title: "Enable user",
  description: "Let a disabled user sign in again.",
  input: emailOnly,
  risk: "write",
  target: (input) => `user:${input.email}`,
  run: (input, ctx) => setUserDisabled(ctx.store, { email: input.email, disabled: false }),
  summarise: (user) => ({ email: user.email, disabled: { before: user.previous.disabled, after: user.disabled } }),
});
