// Slows password guessing: after MAX_FAILURES wrong passwords for one email within WINDOW,
// that email is refused without checking until the window passes. Also bounds how many
// scrypt runs (32 MiB each) go at once, so a burst of sign-ins cannot exhaust memory.
// Per process: with several replicas the limit is per replica, which still bounds guessing.
export const MAX_FAILURES = 5;
/** The error next-auth hands the sign-in form when an email is locked out. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";
export const WINDOW_MS = 15 * 60_000;
const MAX_CONCURRENT_KDF = 4;

const failures = new Map<string, number[]>();

function recent(email: string, now: number): number[] {
  const list = (failures.get(email) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(email, list);
  else failures.delete(email);
  return list;
}

/** Milliseconds until this email may try again, or 0. */
export function lockedOutFor(email: string, now = Date.now()): number {
  const list = recent(email, now);
  return list.length >= MAX_FAILURES ? WINDOW_MS - (now - list[0]!) : 0;
}

export function recordFailure(email: string, now = Date.now()): void {
  if (failures.size > 10_000) for (const key of failures.keys()) recent(key, now);
  failures.set(email, [...recent(email, now), now]);
}

export function clearFailures(email: string): void {
  failures.delete(email);
}

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
