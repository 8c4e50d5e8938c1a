// A session is what next-auth's credentials flow hands out (the JWT), and it stops working
// when its owner signs out or is disabled, even after they are enabled again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, Session, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { parseEnv } from "@/lib/env";
import { createUser } from "@/lib/users/create-user";
import { PEOPLE } from "@/test/actions";
import { runAction } from "@/lib/actions/run-action";
import { serveStore } from "@/test/routes";
import { makeTestStore, STORE_KINDS, type TestStore } from "@/test/stores";
import { PEER_HEADER } from "./client-address";
import { authOptions } from "./options";
import { DEFAULT_LIMITS, TOO_MANY_ATTEMPTS } from "./sign-in-guard";
import { actorFromSession } from "./session";

const options = authOptions(parseEnv({ NODE_ENV: "test" }));
const EMAIL = "oncall@phoenix.local";
const PASSWORD = "correct horse battery";

/** The credentials provider's authorize, as next-auth calls it on POST /api/auth/callback/credentials. */
async function authorize(email: string, password: string, address = "10.0.0.1") {
  const provider = options.providers.find((p) => p.id === "credentials") as unknown as { options: { authorize: (c: unknown, r: unknown) => Promise<User | null> } };
  // The client's own X-Forwarded-For is not believed (no TRUST_PROXY): the server's peer header is.
  return provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": "6.6.6.6", [PEER_HEADER]: address }, method: "POST", body: {}, query: {} });
}

/** Sign in as next-auth does: authorize, then the jwt callback makes the cookie's token. */
async function signIn(): Promise<JWT> {
  const user = await authorize(EMAIL, PASSWORD);
  if (!user) throw new Error("sign-in refused");
  const account: Account = { providerAccountId: user.id, type: "credentials", provider: "credentials" };
  return options.callbacks!.jwt!({ token: { email: user.email, name: user.name, sub: user.id }, user, account, trigger: "signIn" });
}

/** A later request with that cookie: the session callback, then the console's own check. */
async function requestWith(token: JWT) {
  const session = await options.callbacks!.session!({ session: { expires: "" } as Session, token, user: undefined as never, newSession: undefined, trigger: "update" } as never);
  return actorFromSession((session as Session).user);
}

describe.each(STORE_KINDS)("sessions on %s", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore(kind);
    serveStore(t.store);
    await createUser(t.store, { email: EMAIL, role: "sre", password: PASSWORD });
  });
  afterAll(async () => t?.dispose());

  it("work until their owner signs out, and not after", async () => {
    const token = await signIn();
    expect(await requestWith(token)).toMatchObject({ email: EMAIL, role: "sre" });
    await options.events!.signOut!({ token, session: undefined as never });
    expect(await requestWith(token)).toBeNull();
    // A new sign-in works again.
    expect(await requestWith(await signIn())).toMatchObject({ email: EMAIL });
  });

  it("are refused after repeated wrong passwords from one address, not from another", async () => {
    for (let i = 0; i < DEFAULT_LIMITS.accountAddress.points; i++) expect(await authorize(EMAIL, "wrong password", "203.0.113.9")).toBeNull();
    await expect(authorize(EMAIL, PASSWORD, "203.0.113.9")).rejects.toThrow(TOO_MANY_ATTEMPTS);
    expect(await authorize(EMAIL, PASSWORD, "198.51.100.4")).toMatchObject({ email: EMAIL });
  });

  it("do not come back when a disabled user is enabled again", async () => {
    const token = await signIn();
    expect(await requestWith(token)).not.toBeNull();
    await runAction({ id: "users.disable", request: { input: { email: EMAIL }, confirm: true, reason: "laptop stolen" }, actor: PEOPLE.admin, store: t.store });
    expect(await requestWith(token)).toBeNull();
    await runAction({ id: "users.enable", request: { input: { email: EMAIL } }, actor: PEOPLE.admin, store: t.store });
    expect(await requestWith(token)).toBeNull();
    expect(await requestWith(await signIn())).toMatchObject({ email: EMAIL });
  });
});
