"use client";
import { useSyncExternalStore } from "react";

// One clock per interval for every ticking label on the page. On the server (and in the first
// render that hydrates it) the time is null, so server and client markup agree.
const clocks = new Map<number, { now: number; listeners: Set<() => void>; timer?: ReturnType<typeof setInterval> }>();

function clock(intervalMs: number) {
  let c = clocks.get(intervalMs);
  if (!c) clocks.set(intervalMs, (c = { now: Date.now(), listeners: new Set() }));
  return c;
}

function subscribe(intervalMs: number, listener: () => void) {
  const c = clock(intervalMs);
  c.listeners.add(listener);
  if (!c.timer) {
    c.now = Date.now();
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
  return useSyncExternalStore(
    (listener) => subscribe(intervalMs, listener),
    () => clock(intervalMs).now,
    () => null,
  );
}
