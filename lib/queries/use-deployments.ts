"use client";
import { useQuery } from "@tanstack/react-query";
import type { PreCheckReport } from "@/lib/deployments/checks";
import type { DeploymentView } from "@/lib/deployments/requests";
import { fetcher } from "./fetcher";

export const deploymentKeys = {
  all: () => ["deployments"] as const,
  one: (id: string) => ["deployments", id] as const,
  checks: (id: string) => ["deployments", id, "checks"] as const,
};

export function useDeployments(enabled = true) {
  return useQuery({ enabled, queryKey: deploymentKeys.all(), queryFn: ({ signal }) => fetcher<{ deployments: DeploymentView[] }>("/api/deployments", { signal }), refetchInterval: 5000 });
}

/** One deployment; every second while it executes, so its rollouts move on screen. */
export function useDeployment(id: string) {
  return useQuery({
    queryKey: deploymentKeys.one(id),
    queryFn: ({ signal }) => fetcher<DeploymentView>(`/api/deployments/${id}`, { signal }),
    refetchInterval: (q) => (q.state.data?.status === "executing" ? 1000 : 5000),
  });
}

/** The pre-deployment checks run now, while the request waits for approval or execution. */
export function useDeploymentChecks(id: string, enabled: boolean) {
  return useQuery({ enabled, queryKey: deploymentKeys.checks(id), queryFn: ({ signal }) => fetcher<PreCheckReport>(`/api/deployments/${id}/checks`, { signal }), refetchInterval: 15_000 });
}
