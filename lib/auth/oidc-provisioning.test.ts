// Single sign-on provisioning: a first OIDC sign-in creates the user through the action runner,
// under system:oidc on behalf of the person signing in, so the new account is on the record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account, Profile, User } from "next-auth";
import { parseEnv } from "@/lib/env";
import type { Store } from "@/lib/db/store";
import { makeTestStore, type TestStore } from "@/test/stores";
import { authOptions } from "./options";

let t: TestStore;
const g = globalThis as unknown as { __phoenixStore?: Promise<Store> };
beforeAll(async () => {
  t = await makeTestStore("pglite");
  g.__phoenixStore = Promise.resolve(t.store); // what getStore() answers
});
afterAll(async () => {
  g.__phoenixStore = undefined;
  await t?.dispose();
});

const options = () => authOptions(parseEnv({ OIDC_ISSUER: "https://id.example.com/realms/ops", OIDC_CLIENT_ID: "console", OIDC_CLIENT_SECRET: "x", OIDC_DEFAULT_ROLE: "viewer" }));
const signIn = (email: string, verified = true) => {
  const user = { id: "sub-1", email, name: "Dana Ops" } as User;
  return options().callbacks!.signIn!({ user, account: { provider: "oidc", type: "oauth", providerAccountId: "sub-1" } as Account, profile: { email, email_verified: verified } as Profile });
};

describe("OIDC provisioning", () => {
  it("creates the user on first sign-in, with an intent and an outcome by system:oidc on behalf of that person", async () => {
    expect(await signIn("dana@example.com")).toBe(true);
    expect(await t.store.prisma.user.findUnique({ where: { email: "dana@example.com" } })).toMatchObject({ role: "viewer", passwordHash: null });
    const audit = await t.store.prisma.auditEvent.findMany({ where: { action: "users.provision" }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => [e.stage, e.outcome, e.actor, e.onBehalfOf, e.target])).toEqual([
      ["intent", "started", "system:oidc", "dana@example.com", "user:dana@example.com"],
      ["outcome", "ok", "system:oidc", "dana@example.com", "user:dana@example.com"],
    ]);
    // The second sign-in finds the account: nothing new is provisioned.
    expect(await signIn("dana@example.com")).toBe(true);
    expect(await t.store.prisma.auditEvent.count({ where: { action: "users.provision" } })).toBe(2);
  });

  it("provisions nobody for an unverified email", async () => {
    expect(await signIn("eve@example.com", false)).toBe(false);
    expect(await t.store.prisma.user.findUnique({ where: { email: "eve@example.com" } })).toBeNull();
  });
});
