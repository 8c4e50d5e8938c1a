import "server-only";
// Slows password guessing, with counters in the console store so every replica sees the same
// attempts (rate-limiter-flexible over Prisma: the one store both PostgreSQL and PGlite
// deployments have; Redis is optional and so cannot be relied on). Three fixed windows:
//  - account + address: 5 failures in 15 min. Someone else's guesses, from their address,
//    never lock the owner out at theirs.
//  - address: 50 failures in 15 min, across accounts (password spraying from one place).
//  - account: 100 failures in 1 h from everywhere (a botnet), so guessing stays bounded
//    whatever the number of addresses. It does not apply at an address the account signed in
//    from successfully in the last 30 days, and the window is fixed (further guesses do not
//    extend it), so hammering an account cannot keep its owner out.
// Also bounds how many scrypt runs (32 MiB each) go at once in this process.
import { type IRateLimiterStoreOptions, RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { PrismaClient } from "@/lib/db/generated/client";

export { TOO_MANY_ATTEMPTS } from "./sign-in-errors";

type Window = { points: number; seconds: number };
export type SignInLimits = { accountAddress: Window; address: Window; account: Window; knownAddressDays: number };

export const DEFAULT_LIMITS: SignInLimits = {
  accountAddress: { points: 5, seconds: 15 * 60 },
  address: { points: 50, seconds: 15 * 60 },
  account: { points: 100, seconds: 60 * 60 },
  knownAddressDays: 30,
};

export type Attempt = { email: string; address: string };

export class SignInGuard {
  private readonly accountAddress: RateLimiterPrisma;
  private readonly address: RateLimiterPrisma;
  private readonly account: RateLimiterPrisma;
  private readonly known: RateLimiterPrisma;

  constructor(prisma: PrismaClient, private readonly limits: SignInLimits = DEFAULT_LIMITS) {
    const limiter = (keyPrefix: string, w: Window) =>
      new RateLimiterPrisma({ storeClient: prisma, tableName: "rateLimiterFlexible", keyPrefix, points: w.points, duration: w.seconds } as IRateLimiterStoreOptions);
    this.accountAddress = limiter("sign-in:account+address", limits.accountAddress);
    this.address = limiter("sign-in:address", limits.address);
    this.account = limiter("sign-in:account", limits.account);
    this.known = limiter("sign-in:known-address", { points: 1, seconds: limits.knownAddressDays * 86_400 });
  }

  /** Milliseconds until this attempt may be made, or 0. */
  async lockedOutFor(a: Attempt): Promise<number> {
    const keys = keysOf(a);
    const [pair, address, account, known] = await Promise.all([
      this.accountAddress.get(keys.pair),
      this.address.get(keys.address),
      this.account.get(keys.account),
      this.known.get(keys.pair),
    ]);
    const wait = (res: RateLimiterRes | null, w: Window) => (res && res.consumedPoints >= w.points ? Math.max(res.msBeforeNext, 1) : 0);
    return Math.max(
      wait(pair, this.limits.accountAddress),
      wait(address, this.limits.address),
      known ? 0 : wait(account, this.limits.account),
    );
  }

  async recordFailure(a: Attempt): Promise<void> {
    const keys = keysOf(a);
    await Promise.all([consume(this.accountAddress, keys.pair), consume(this.address, keys.address), consume(this.account, keys.account)]);
  }

  /** The address's failures on this account are forgotten, and the address is known to it. */
  async recordSuccess(a: Attempt): Promise<void> {
    const keys = keysOf(a);
    await this.accountAddress.delete(keys.pair);
    await this.known.set(keys.pair, 1, this.limits.knownAddressDays * 86_400);
  }
}

const keysOf = (a: Attempt) => ({ pair: `${a.email}|${a.address}`, address: a.address, account: a.email });

/** Counts one failure; past the limit the library rejects with a RateLimiterRes, which is expected. */
async function consume(limiter: RateLimiterPrisma, key: string) {
  await limiter.consume(key).catch((res: unknown) => {
    if (!(res instanceof RateLimiterRes)) throw res;
  });
}

const g = globalThis as unknown as { __phoenixSignInGuard?: { prisma: PrismaClient; guard: SignInGuard } };

/** The process's guard on the store's client (one per store, so the limiters are built once). */
export function signInGuard(prisma: PrismaClient): SignInGuard {
  if (g.__phoenixSignInGuard?.prisma !== prisma) g.__phoenixSignInGuard = { prisma, guard: new SignInGuard(prisma) };
  return g.__phoenixSignInGuard.guard;
}

const MAX_CONCURRENT_KDF = 4;
let running = 0;
const waiting: (() => void)[] = [];

export async function withKdfSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_KDF) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
