"use client";
import { useEffect, useState } from "react";
import type { RolloutKind, RolloutStatus } from "@/lib/ops/kube/rollout-status";
import { ApiError, fetcher } from "./fetcher";

/** What to watch; `since` (the click that started it) opens a fresh stream for a new rollout of the same workload. */
export type RolloutTarget = { namespace: string; kind: RolloutKind; name: string; since: number };
export type RolloutReading = RolloutStatus & { receivedAt: number };

const sameReading = (a: RolloutStatus, b: RolloutStatus) => JSON.stringify({ ...a, observedAt: 0, receivedAt: 0 }) === JSON.stringify({ ...b, observedAt: 0, receivedAt: 0 });

/**
 * `kubectl rollout status -w` in the browser: server-sent events from a watch on the workload,
 * one reading per change, until the rollout completes or fails (then the stream is closed).
 * A stream refused outright (404, 403) is asked again as plain JSON to get its typed error.
 */
export function useRolloutStream(target: RolloutTarget | null) {
  const { namespace, kind, name, since } = target ?? {};
  // Readings are tagged with the rollout they belong to: another target starts from none.
  const key = JSON.stringify([namespace, kind, name, since]);
  const [state, setState] = useState<{ key: string; readings: RolloutReading[]; problem: unknown }>({ key: "", readings: [], problem: null });
  const mine = state.key === key ? state : { key, readings: [] as RolloutReading[], problem: null as unknown };

  useEffect(() => {
    if (!namespace || !kind || !name) return;
    const setReadings = (f: (r: RolloutReading[]) => RolloutReading[]) => setState((s) => ({ key, readings: f(s.key === key ? s.readings : []), problem: s.key === key ? s.problem : null }));
    const setProblem = (problem: unknown) => setState((s) => ({ key, readings: s.key === key ? s.readings : [], problem }));
    const q = new URLSearchParams({ namespace, kind, name });
    const source = new EventSource(`/api/cluster/rollout?${q}&stream=true`);
    source.addEventListener("status", (e) => {
      const status = JSON.parse((e as MessageEvent<string>).data) as RolloutStatus;
      // One line per change: a reading equal to the last one (the stream's first, re-read) is not news.
      setReadings((r) => (r.length && sameReading(r[r.length - 1]!, status) ? r : [...r, { ...status, receivedAt: Date.now() }]));
      setProblem(null);
      if (status.phase !== "waiting") source.close();
    });
    source.addEventListener("problem", (e) => setProblem(new ApiError(0, JSON.parse((e as MessageEvent<string>).data))));
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
      fetcher<{ status: RolloutStatus }>(`/api/cluster/rollout?${q}`).then(
        (r) => setReadings((prev) => [...prev, { ...r.status, receivedAt: Date.now() }]),
        setProblem,
      );
    };
    return () => source.close();
  }, [namespace, kind, name, since, key]);

  return { readings: mine.readings, latest: mine.readings.at(-1) ?? null, problem: mine.problem };
}
