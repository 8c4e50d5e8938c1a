// The sign-in limits live in the console store, so every replica counts the same attempts;
// they slow guessing per account and address, per address, and per account overall, and the
// owner of a hammered account can still get in from an address they used before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestStore, STORE_KINDS, type TestStore } from "@/test/stores";
import { clientAddress } from "./client-address";
import { DEFAULT_LIMITS, SignInGuard, type SignInLimits, withKdfSlot } from "./sign-in-guard";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(STORE_KINDS)("sign-in guard on %s", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore(kind);
  });
  afterAll(async () => t?.dispose());

  it("shares the count across replicas: two guards on one store", async () => {
    const a = new SignInGuard(t.store.prisma);
    const b = new SignInGuard(t.store.prisma);
    const attempt = { email: "shared@phoenix.local", address: "203.0.113.7" };
    for (let i = 0; i < DEFAULT_LIMITS.accountAddress.points; i++) {
      expect(await (i % 2 ? a : b).lockedOutFor(attempt)).toBe(0);
      await (i % 2 ? b : a).recordFailure(attempt);
    }
    expect(await a.lockedOutFor(attempt)).toBeGreaterThan(0);
    expect(await b.lockedOutFor(attempt)).toBeGreaterThan(DEFAULT_LIMITS.accountAddress.seconds * 1000 - 60_000);
    // The owner, at their own address, is not locked out by someone else's guesses.
    expect(await b.lockedOutFor({ ...attempt, address: "198.51.100.1" })).toBe(0);
  });

  it("limits one address across accounts", async () => {
    const guard = new SignInGuard(t.store.prisma, { ...DEFAULT_LIMITS, address: { points: 3, seconds: 60 } });
    const address = "203.0.113.99";
    for (const email of ["a@x.io", "b@x.io", "c@x.io"]) await guard.recordFailure({ email, address });
    expect(await guard.lockedOutFor({ email: "d@x.io", address })).toBeGreaterThan(0);
    expect(await guard.lockedOutFor({ email: "d@x.io", address: "203.0.113.100" })).toBe(0);
  });

  it("caps an account's failures from everywhere in a fixed window, never keeping the owner out", async () => {
    const limits: SignInLimits = { ...DEFAULT_LIMITS, account: { points: 4, seconds: 2 } };
    const guard = new SignInGuard(t.store.prisma, limits);
    const email = "target@phoenix.local";
    const home = "198.51.100.20";
    await guard.recordSuccess({ email, address: home }); // the owner signed in from here before
    // A botnet: one guess from each of many addresses.
    for (let i = 0; i < 6; i++) await guard.recordFailure({ email, address: `192.0.2.${i}` });
    expect(await guard.lockedOutFor({ email, address: "192.0.2.200" })).toBeGreaterThan(0);
    expect(await guard.lockedOutFor({ email, address: home })).toBe(0);
    // The window is fixed: more guesses do not extend it, and it ends.
    await sleep(1000);
    await guard.recordFailure({ email, address: "192.0.2.77" });
    await sleep(1100);
    expect(await guard.lockedOutFor({ email, address: "192.0.2.200" })).toBe(0);
  });

  it("forgets an address's failures on that account after a successful sign-in", async () => {
    const guard = new SignInGuard(t.store.prisma);
    const attempt = { email: "typo@phoenix.local", address: "203.0.113.50" };
    for (let i = 0; i < DEFAULT_LIMITS.accountAddress.points - 1; i++) await guard.recordFailure(attempt);
    await guard.recordSuccess(attempt);
    await guard.recordFailure(attempt);
    expect(await guard.lockedOutFor(attempt)).toBe(0);
  });
});

describe("the client's address", () => {
  const h = (xff?: string, peer?: string) => new Headers({ ...(xff ? { "x-forwarded-for": xff } : {}), ...(peer ? { "x-phoenix-peer-address": peer } : {}) });
  it("is the socket's unless a trusted proxy says otherwise", () => {
    expect(clientAddress(h("6.6.6.6", "10.1.2.3"), 0)).toBe("10.1.2.3");
    expect(clientAddress(h("6.6.6.6, 10.0.0.9", "10.0.0.2"), 1)).toBe("10.0.0.9");
    expect(clientAddress(h("6.6.6.6, 203.0.113.4, 10.0.0.9", "10.0.0.2"), 2)).toBe("203.0.113.4");
    expect(clientAddress(h(undefined, "::ffff:127.0.0.1"), 1)).toBe("::ffff:127.0.0.1");
    expect(clientAddress(h(), 0)).toBe("unknown");
  });
});

describe("password checks", () => {
  it("run at most four at once", async () => {
    let now = 0;
    let peak = 0;
    const job = () =>
      withKdfSlot(async () => {
        peak = Math.max(peak, ++now);
        await sleep(20);
        now--;
      });
    await Promise.all(Array.from({ length: 12 }, job));
    expect(peak).toBe(4);
  });
});
