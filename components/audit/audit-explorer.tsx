"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense } from "react";
import type { AuditFilter } from "@/lib/audit/query-events";
import { auditQueryString } from "@/lib/queries/use-audit";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";

const FILTER_KEYS = ["actor", "action", "outcome", "from", "to", "actionId"] as const;

/** Filters live in the URL, so a filtered view can be shared and survives a reload. */
function Explorer({ actions }: { actions: { id: string; title: string }[] }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = Object.fromEntries(FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))) as AuditFilter;
  const apply = (f: AuditFilter) => {
    const q = auditQueryString(f);
    router.replace(q ? `${pathname}?${q}` : pathname);
  };
  return (
    <div className="space-y-3">
      <AuditFilters key={auditQueryString(filter)} filter={filter} actions={actions} onApply={apply} />
      <AuditTable filter={filter} onShowAction={(actionId) => apply({ actionId })} />
    </div>
  );
}

export function AuditExplorer(props: { actions: { id: string; title: string }[] }) {
  return (
    <Suspense>
      <Explorer {...props} />
    </Suspense>
  );
}
