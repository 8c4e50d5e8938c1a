import { describe, expect, it } from "vitest";
import { MAX_FAILURES, WINDOW_MS, clearFailures, lockedOutFor, recordFailure, withKdfSlot } from "./sign-in-guard";

describe("sign-in guard", () => {
  it("locks an email out after repeated failures, until the window passes", () => {
    const email = "guess@phoenix.local";
    const t0 = 1_000_000;
    for (let i = 0; i < MAX_FAILURES - 1; i++) recordFailure(email, t0 + i);
    expect(lockedOutFor(email, t0 + 10)).toBe(0);
    recordFailure(email, t0 + 10);
    expect(lockedOutFor(email, t0 + 20)).toBe(WINDOW_MS - 20);
    expect(lockedOutFor("other@phoenix.local", t0 + 20)).toBe(0);
    expect(lockedOutFor(email, t0 + WINDOW_MS + 11)).toBe(0);
  });

  it("forgets failures after a successful sign-in", () => {
    const email = "ok@phoenix.local";
    for (let i = 0; i < MAX_FAILURES; i++) recordFailure(email);
    expect(lockedOutFor(email)).toBeGreaterThan(0);
    clearFailures(email);
    expect(lockedOutFor(email)).toBe(0);
  });

  it("runs at most four password checks at once", async () => {
    let now = 0;
    let peak = 0;
    const job = () =>
      withKdfSlot(async () => {
        peak = Math.max(peak, ++now);
        await new Promise((r) => setTimeout(r, 20));
        now--;
      });
    await Promise.all(Array.from({ length: 12 }, job));
    expect(peak).toBe(4);
  });
});
