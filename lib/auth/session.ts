import "server-only";
import { getServerSession, type Session } from "next-auth";
import { AppError } from "@/lib/errors";
import { getStore, isConnectionError, withStore } from "@/lib/db/store";
import type { ActorRef } from "@/lib/actions/define-action";
import { recordTokenRefusal } from "@/lib/actions/record-token-use";
import { withTimeout } from "@/lib/ops/timeout";
import { log } from "@/lib/log";
import { authenticateToken } from "@/lib/tokens/api-tokens";
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
  /** A person's browser session, or a service identity's API token (Authorization: Bearer phx_…). */
  via: "web" | "token";
};

/** The actor as actions record it. */
export const actorRef = (a: Actor): ActorRef => ({ id: a.id, email: a.email, role: a.role, via: a.via });

/**
 * The signed-in user as the store knows them now: a disabled user is refused on their next
 * request and a role change applies at once. If the store is down, the token's claims are
 * used (reads keep working; writes fail anyway, as their audit intent cannot be written).
 */
export async function getActor(headers?: Headers): Promise<Actor | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers?.get("authorization") ?? "")?.[1];
  if (bearer) return tokenActor(bearer);
  const session = await getServerSession(authOptions());
  return actorFromSession(session?.user);
}

/** The session's claims checked against the store: null when the user is gone or disabled. */
export async function actorFromSession(claims: Session["user"] | undefined): Promise<Actor | null> {
  if (!claims?.id) return null;
  try {
    const user = await withTimeout("console store", LOOKUP_TIMEOUT_MS, async () => {
      const store = await getStore();
      return store.prisma.user.findUnique({ where: { id: claims.id } });
    });
    // A token from before the user's last sign-out or disable carries an older version.
    if (!user || user.disabledAt || user.sessionVersion !== claims.sv) return null;
    return { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role, stale: false, via: "web" };
  } catch (err) {
    // Only an unreachable store falls back to the token; any other failure is a real error.
    const unreachable = err instanceof AppError ? ["STORE_UNAVAILABLE", "DEPENDENCY_TIMEOUT"].includes(err.code) : isConnectionError(err);
    if (!unreachable) throw err;
    log.warn({ err: err instanceof Error ? err.message : String(err) }, "store unavailable; reads use session claims, writes are refused");
    return { id: claims.id, email: claims.email, name: claims.name, role: claims.role, stale: true, via: "web" };
  }
}

/** A service identity by its API token; a refused token (revoked, expired) is audited under its identity. */
async function tokenActor(token: string): Promise<Actor> {
  // A token carries no claims to fall back on: with the store unreachable it is a 503, not a 500.
  const { store, result } = await withTimeout("console store", LOOKUP_TIMEOUT_MS, () =>
    withStore(async (store) => ({ store, result: await authenticateToken(store, token) })),
  ).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "DEPENDENCY_TIMEOUT") {
      throw new AppError("STORE_UNAVAILABLE", "The console store did not answer, so the API token cannot be checked. Try again when it is back.", { internal: err });
    }
    throw err;
  });
  if (result.ok) return { id: result.token.id, email: result.token.actor, name: result.token.name, role: result.token.role, stale: false, via: "token" };
  if (result.identity) {
    await recordTokenRefusal(store, result.identity, result.refusal);
  }
  throw new AppError("UNAUTHENTICATED", result.refusal);
}

export async function requireActor(headers?: Headers): Promise<Actor> {
  const actor = await getActor(headers);
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in first (your session is missing, expired, or your account is disabled).");
  return actor;
}
