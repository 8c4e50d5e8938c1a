"use client";
import { useSyncExternalStore } from "react";

// One clock per interval for every ticking label on the page. On the server (and in the first
// render that hydrates it) the time is null, so server and client markup agree.
type Clock = { now: number; listeners: Set<() => void>; timer?: ReturnType<typeof setInterval>; subscribe: (listener: () => void) => () => void };
const clocks = new Map<number, Clock>();

/** One clock per interval, with a subscribe function that stays the same (React resubscribes when it changes). */
function clock(intervalMs: number): Clock {
  let c = clocks.get(intervalMs);
  if (!c) {
    const created: Clock = { now: Date.now(), listeners: new Set(), subscribe: (listener) => subscribe(created, intervalMs, listener) };
    clocks.set(intervalMs, (c = created));
  }
  return c;
}

function subscribe(c: Clock, intervalMs: number, listener: () => void) {
  c.listeners.add(listener);
  if (!c.timer) {
    c.now = Date.now(); // the clock was idle: start from now (React re-reads the snapshot after subscribing)
    c.timer = setInterval(() => {
      c.now = Date.now();
      for (const l of c.listeners) l();
    }, intervalMs);
  }
  return () => {
    c.listeners.delete(listener);
    if (!c.listeners.size && c.timer) {
      clearInterval(c.timer);
      c.timer = undefined;
    }
  };
}

/** The current time, re-rendered every `intervalMs`; null until the page is hydrated. */
export function useNow(intervalMs: number): number | null {
  const c = clock(intervalMs);
  return useSyncExternalStore(c.subscribe, () => c.now, () => null);
}
