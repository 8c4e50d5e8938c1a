"use client";
import { useQuery } from "@tanstack/react-query";
import type { PodRow, Workload } from "@/lib/ops/kube/list-workloads";
import { fetcher } from "./fetcher";
import { keys } from "./keys";

/** Cluster panels poll every 2 s: a rollout is visible as it happens, without a reload. */
export const CLUSTER_REFRESH_MS = 2000;

export function useWorkloads(namespace: string, enabled = true) {
  return useQuery({
    enabled: enabled && !!namespace,
    queryKey: keys.cluster.workloads(namespace),
    queryFn: ({ signal }) => fetcher<{ workloads: Workload[] }>(`/api/cluster/workloads?namespace=${encodeURIComponent(namespace)}`, { signal }),
    refetchInterval: CLUSTER_REFRESH_MS,
  });
}

export function usePods(namespace: string, labelSelector: string) {
  const q = new URLSearchParams({ namespace, ...(labelSelector ? { labelSelector } : {}) });
  return useQuery({
    queryKey: keys.cluster.pods(namespace, labelSelector),
    queryFn: ({ signal }) => fetcher<{ pods: PodRow[] }>(`/api/cluster/pods?${q}`, { signal }),
    refetchInterval: CLUSTER_REFRESH_MS,
  });
}
