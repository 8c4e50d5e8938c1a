import "server-only";
import type { NextAuthOptions, User as AuthUser } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { systemActor } from "@/lib/actions/define-action";
import { runSystemAction } from "@/lib/actions/run-action";
import { AppError } from "@/lib/errors";
import { getStore, type Store } from "@/lib/db/store";
import { type Env, env } from "@/lib/env";
import { log } from "@/lib/log";
import { revokeSessions } from "@/lib/users/update-user";
import { verifyNothing, verifyPassword } from "./password";
import { requiredRole } from "./policy";
import { isRole } from "./roles";
import { clientAddress } from "./client-address";
import { TOO_MANY_ATTEMPTS, signInGuard, withKdfSlot } from "./sign-in-guard";

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().max(320), password: z.string().max(200) });

async function authorizeCredentials(raw: unknown, req?: { headers?: Record<string, string | string[] | undefined> }): Promise<AuthUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const attempt = { email, address: clientAddress(toHeaders(req?.headers), env().TRUST_PROXY) };
  const store = await getStore();
  const guard = signInGuard(store.prisma);
  if ((await guard.lockedOutFor(attempt)) > 0) throw new Error(TOO_MANY_ATTEMPTS);
  const user = await store.prisma.user.findUnique({ where: { email } });
  const ok = await withKdfSlot(() => (user?.passwordHash ? verifyPassword(password, user.passwordHash) : verifyNothing(password)));
  if (!user || !ok) {
    await guard.recordFailure(attempt);
    return null;
  }
  await guard.recordSuccess(attempt);
  if (user.disabledAt) {
    log.info({ email }, "sign-in refused: user disabled");
    return null;
  }
  return { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role, sessionVersion: user.sessionVersion };
}

/** next-auth hands authorize the request's headers as a plain object. */
function toHeaders(raw: Record<string, string | string[] | undefined> = {}): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  return headers;
}

function oidcProvider(e: Env) {
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth" as const,
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"] as ("pkce" | "state")[],
    profile(p: { sub: string; email?: string; name?: string }) {
      return { id: p.sub, email: p.email?.toLowerCase() ?? null, name: p.name ?? p.email ?? p.sub, role: "viewer" as const };
    },
  };
}

/**
 * Creates a single sign-on user through the action runner, as system:oidc on behalf of the person
 * signing in. Its role is admin's: the operator's OIDC configuration is what authorises it.
 */
async function provision(store: Store, email: string, name: string | null, e: Env) {
  try {
    await runSystemAction({ id: "users.provision", input: { email, name, role: e.OIDC_DEFAULT_ROLE }, actor: systemActor("system:oidc", { onBehalfOf: email, role: requiredRole("users.provision") }), store, reason: "first single sign-on" });
  } catch (err) {
    // Two first sign-ins at once: the other one created it.
    if (!(err instanceof AppError && err.code === "CONFLICT")) throw err;
  }
  return store.prisma.user.findUniqueOrThrow({ where: { email } });
}

export function authOptions(e: Env = env()): NextAuthOptions {
  const secure = e.secureCookies;
  return {
    secret: e.authSecret,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin" },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: `${secure ? "__Secure-" : ""}phoenix.session-token`,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: authorizeCredentials,
      }),
      ...(e.oidcEnabled ? [oidcProvider(e)] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        // Single sign-on users are provisioned on first sign-in with the default role. Only a
        // verified email counts, and it never takes over an account that signs in with a password.
        if (!user.email || (profile as { email_verified?: boolean } | undefined)?.email_verified !== true) return false;
        const store = await getStore();
        const existing = await store.prisma.user.findUnique({ where: { email: user.email } });
        if (existing?.passwordHash) return false;
        const found = existing ?? (await provision(store, user.email, user.name ?? null, e));
        if (found.disabledAt) return false;
        user.id = found.id;
        user.role = found.role;
        user.sessionVersion = found.sessionVersion;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = isRole(user.role) ? user.role : "viewer";
          token.sv = user.sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          id: String(token.uid ?? ""),
          email: token.email ?? "",
          name: token.name ?? token.email ?? "",
          role: isRole(token.role) ? token.role : "viewer",
          sv: typeof token.sv === "number" ? token.sv : undefined,
        };
        return session;
      },
    },
    events: {
      // POST /api/auth/signout (the sign-out button) runs this on the server with the cookie's
      // token: the token, and any copy of it, stops working on its next request.
      async signOut({ token }) {
        if (!token?.uid || typeof token.sv !== "number") return;
        await revokeSessions(await getStore(), { userId: String(token.uid), version: token.sv });
      },
    },
  };
}
