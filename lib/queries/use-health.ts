"use client";
import { useQuery } from "@tanstack/react-query";
import type { HealthReport } from "@/lib/health/health-types";
import { fetcher } from "./fetcher";
import { keys } from "./keys";

export function useHealth(refreshMs: number) {
  return useQuery({
    queryKey: keys.health(),
    queryFn: ({ signal }) => fetcher<HealthReport>("/api/health", { signal }),
    refetchInterval: refreshMs,
    refetchIntervalInBackground: false,
  });
}
