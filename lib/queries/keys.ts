import type { AuditFilter } from "@/lib/audit/query-events";

/** Query-key factory: one place that says what each cached thing is called. */
export const keys = {
  health: () => ["health"] as const,
  audit: {
    all: () => ["audit"] as const,
    list: (filter: AuditFilter) => ["audit", "list", filter] as const,
    latest: (action: string) => ["audit", "latest", action] as const,
    verify: () => ["audit", "verify"] as const,
    verifyJob: (id: string) => ["audit", "verify", "job", id] as const,
  },
  users: () => ["users"] as const,
  tokens: () => ["tokens"] as const,
  cluster: {
    all: () => ["cluster"] as const,
    workloads: (namespace: string) => ["cluster", "workloads", namespace] as const,
    pods: (namespace: string, labelSelector: string) => ["cluster", "pods", namespace, labelSelector] as const,
  },
};
