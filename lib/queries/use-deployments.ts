"use client";
import { useQuery } from "@tanstack/react-query";
import type { DeploymentView } from "@/lib/deployments/requests";
import { fetcher } from "./fetcher";

export const deploymentKeys = { all: () => ["deployments"] as const, one: (id: string) => ["deployments", id] as const };

export function useDeployments(enabled = true) {
  return useQuery({ enabled, queryKey: deploymentKeys.all(), queryFn: ({ signal }) => fetcher<{ deployments: DeploymentView[] }>("/api/deployments", { signal }), refetchInterval: 5000 });
}

export function useDeployment(id: string) {
  return useQuery({ queryKey: deploymentKeys.one(id), queryFn: ({ signal }) => fetcher<DeploymentView>(`/api/deployments/${id}`, { signal }), refetchInterval: 5000 });
}
