"use client";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import type { AuditFilter, AuditRow } from "@/lib/audit/query-events";
import type { ChainVerdict } from "@/lib/audit/verify-chain";
import type { VerificationJob } from "@/lib/audit/verify-job";
import { fetcher } from "./fetcher";
import { keys } from "./keys";

export type AuditPage = { events: AuditRow[]; nextCursor: string | null };

export function auditQueryString(filter: AuditFilter, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) params.set(k, String(v));
  return params.toString();
}

export function useAuditEvents(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: keys.audit.list(filter),
    queryFn: ({ pageParam, signal }) =>
      fetcher<AuditPage>(`/api/audit?${auditQueryString(filter, pageParam ? { cursor: pageParam } : {})}`, { signal }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The intent (with its input) of the newest successful run of one action, e.g. the last acknowledgement. */
export function useLatestAuditEvent(action: string) {
  return useQuery({
    queryKey: keys.audit.latest(action),
    queryFn: async ({ signal }) => {
      const done = await fetcher<AuditPage>(`/api/audit?${auditQueryString({ action, outcome: "ok" }, { limit: "1" })}`, { signal });
      const outcome = done.events[0];
      if (!outcome) return null;
      const both = await fetcher<AuditPage>(`/api/audit?${auditQueryString({ actionId: outcome.actionId })}`, { signal });
      return both.events.find((e) => e.stage === "intent") ?? outcome;
    },
  });
}

export function useChainVerdict() {
  return useQuery({
    queryKey: keys.audit.verify(),
    queryFn: ({ signal }) => fetcher<ChainVerdict>("/api/audit/verify", { signal }),
    refetchInterval: 60_000,
  });
}

/** Starts a full verification of the chain; its progress is read with useVerificationJob. */
export function useStartFullVerification() {
  return useMutation({ mutationFn: () => fetcher<VerificationJob>("/api/audit/verify", { method: "POST", body: {} }) });
}

/** A full verification's progress, polled every second while it runs. */
export function useVerificationJob(id: string | undefined) {
  return useQuery({
    queryKey: keys.audit.verifyJob(id ?? ""),
    queryFn: ({ signal }) => fetcher<VerificationJob>(`/api/audit/verify?job=${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.state === "running" || !query.state.data ? 1000 : false),
  });
}
