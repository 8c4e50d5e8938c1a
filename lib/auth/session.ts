import "server-only";
import { getServerSession } from "next-auth";
import { AppError } from "@/lib/api/errors";
import { getStore, isConnectionError } from "@/lib/db/store";
import { withTimeout } from "@/lib/ops/timeout";
import { log } from "@/lib/log";
import { authOptions } from "./options";
import type { Role } from "./roles";

const LOOKUP_TIMEOUT_MS = 3000;

export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** True when the store could not be read and the role comes from the session token: reads only. */
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
    const user = await withTimeout("console store", LOOKUP_TIMEOUT_MS, async () => {
      const store = await getStore();
      return store.prisma.user.findUnique({ where: { id: claims.id } });
    });
    if (!user || user.disabledAt) return null;
    return { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role, stale: false };
  } catch (err) {
    // Only an unreachable store falls back to the token; any other failure is a real error.
    const unreachable = err instanceof AppError ? ["STORE_UNAVAILABLE", "DEPENDENCY_TIMEOUT"].includes(err.code) : isConnectionError(err);
    if (!unreachable) throw err;
    log.warn({ err: err instanceof Error ? err.message : String(err) }, "store unavailable; reads use session claims, writes are refused");
    return { ...claims, stale: true };
  }
}

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in first (your session is missing, expired, or your account is disabled).");
  return actor;
}
