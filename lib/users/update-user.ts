import "server-only";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/auth/roles";
import type { Store } from "@/lib/db/store";
import { toPublicUser } from "./user-schemas";

export async function getUserOrThrow(store: Store, email: string) {
  const user = await store.prisma.user.findUnique({ where: { email } });
  if (!user) throw new AppError("NOT_FOUND", `No user with email ${email}.`);
  return user;
}

/** Refuses a change that would leave the console with no enabled admin. */
async function assertAdminRemains(store: Store, email: string) {
  const admins = await store.prisma.user.count({ where: { role: "admin", disabledAt: null, NOT: { email } } });
  if (admins === 0) throw new AppError("CONFLICT", "This is the last enabled admin; make another admin first.");
}

export async function setUserRole(store: Store, options: { email: string; role: Role }) {
  const user = await getUserOrThrow(store, options.email);
  if (user.role === "admin" && options.role !== "admin") await assertAdminRemains(store, options.email);
  const updated = toPublicUser(await store.prisma.user.update({ where: { id: user.id }, data: { role: options.role } }));
  return { ...updated, previous: { role: user.role } };
}

export async function setUserDisabled(store: Store, options: { email: string; disabled: boolean }) {
  const user = await getUserOrThrow(store, options.email);
  if (options.disabled && user.role === "admin") await assertAdminRemains(store, options.email);
  const updated = toPublicUser(
    await store.prisma.user.update({
      where: { id: user.id },
      // Disabling revokes every session: enabling again does not revive them.
      data: options.disabled ? { disabledAt: new Date(), sessionVersion: { increment: 1 } } : { disabledAt: null },
    }),
  );
  return { ...updated, previous: { disabled: user.disabledAt !== null } };
}

/** Signing out revokes the user's sessions (all of them: they share one version), unless already revoked. */
export async function revokeSessions(store: Store, options: { userId: string; version: number }) {
  await store.prisma.user.updateMany({ where: { id: options.userId, sessionVersion: options.version }, data: { sessionVersion: { increment: 1 } } });
}

export async function listUsers(store: Store) {
  const users = await store.prisma.user.findMany({ orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { email: "asc" }] });
  return users.map(toPublicUser);
}
