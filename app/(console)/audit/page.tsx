import type { Metadata } from "next";
import { AuditExplorer } from "@/components/audit/audit-explorer";
import { ChainBadge } from "@/components/audit/chain-badge";
import { FullVerification } from "@/components/audit/full-verification";
import { ACTIONS } from "@/lib/actions/registry";

export const metadata: Metadata = { title: "Audit" };

export default function AuditPage() {
  const actions = [...ACTIONS.values()].map((a) => ({ id: a.id, title: a.title }));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <div>
          <h1 className="text-xl font-semibold">Audit history</h1>
          <p className="text-sm text-slate-600">Every action: who, when, on what, with what outcome. Append-only, hash-chained, with signed checkpoints kept outside the store.</p>
        </div>
        <div className="ml-auto flex flex-col items-end gap-2">
          <ChainBadge />
          <FullVerification />
        </div>
      </div>
      <AuditExplorer actions={actions} />
    </div>
  );
}
