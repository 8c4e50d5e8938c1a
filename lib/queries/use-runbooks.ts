"use client";
import { useQuery } from "@tanstack/react-query";
import type { RunStatus } from "@/lib/runbooks/runs";
import type { CatalogueEntry, RunPayload } from "@/lib/runbooks/views";
import { fetcher } from "./fetcher";

/** A run page refreshes every 2 s: two people on the same run see each other's steps. */
export const RUN_REFRESH_MS = 2000;

export const runKeys = {
  catalogue: () => ["runbooks"] as const,
  runs: () => ["runs"] as const,
  run: (id: string) => ["runs", id] as const,
};

export function useCatalogue() {
  return useQuery({ queryKey: runKeys.catalogue(), queryFn: ({ signal }) => fetcher<{ runbooks: CatalogueEntry[] }>("/api/runbooks", { signal }), staleTime: 60_000 });
}

export type RunSummary = {
  id: string;
  runbookId: string;
  title: string;
  severity: string | null;
  drill: boolean;
  status: RunStatus;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  escalateAt: string | null;
  stepsDone: number;
  stepsTotal: number;
};

export function useRuns() {
  return useQuery({ queryKey: runKeys.runs(), queryFn: ({ signal }) => fetcher<{ runs: RunSummary[] }>("/api/runs?limit=20", { signal }), refetchInterval: 5000 });
}

export function useRun(id: string) {
  return useQuery({ queryKey: runKeys.run(id), queryFn: ({ signal }) => fetcher<RunPayload>(`/api/runs/${id}`, { signal }), refetchInterval: RUN_REFRESH_MS });
}
