import "server-only";
import { getServerSession } from "next-auth";
import { AppError } from "@/lib/api/errors";
import { getStore } from "@/lib/db/store";
import { log } from "@/lib/log";
import { authOptions } from "./options";
import type { Role } from "./roles";

export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** True when the store could not be read and the role comes from the session token. */
  stale: boolean;
};

/**
 * The signed-in user as the store knows them now: a disabled user is refused on their next
 * request and a role change applies at once. If the store is down, the token's claims are
 * used (reads keep working; writes fail anyway, as their audit intent cannot be written).
 */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  const claims = session.user;
  try {
    const store = await getStore();
    const user = await store.prisma.user.findUnique({ where: { id: claims.id } });
    if (!user || user.disabledAt) return null;
    return { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role, stale: false };
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, "store unavailable; using session claims");
    return { ...claims, stale: true };
  }
}

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in first (your session is missing, expired, or your account is disabled).");
  return actor;
}
