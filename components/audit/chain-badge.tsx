"use client";
import { Link2, Link2Off, Loader2 } from "lucide-react";
import type { ChainVerdict } from "@/lib/audit/verify-chain";
import { useChainVerdict } from "@/lib/queries/use-audit";

/** What a verdict says, in one line: how much is vouched for, or the first event that is not and why. */
export function verdictText(v: ChainVerdict): string {
  if (v.ok) return `Chain verified · ${v.total} events`;
  const e = v.firstUnvouched;
  const which = e.action && e.time ? `event #${e.position} (${e.action}, ${new Date(e.time).toLocaleString()})` : `event #${e.position}`;
  return `Chain cannot vouch for ${which}: ${e.problem}`;
}

const BASE = "inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset";

/** Verifies the chain from the last verified checkpoint on the server; red names the first event it cannot vouch for. */
export function ChainBadge() {
  const verdict = useChainVerdict();
  if (verdict.isPending)
    return (
      <span className={`${BASE} bg-slate-100 text-slate-600 ring-slate-300`}>
        <Loader2 className="size-4 animate-spin" aria-hidden /> Verifying chain…
      </span>
    );
  if (verdict.error || !verdict.data)
    return <span className={`${BASE} bg-amber-50 text-amber-900 ring-amber-300`}>Chain not verified: {verdict.error?.message}</span>;
  const v = verdict.data;
  const anchored = v.ok
    ? v.anchoredThrough
      ? ` Signed checkpoints vouch for events 1–${v.anchoredThrough}; the ${Number(v.head) - Number(v.anchoredThrough)} newer rest on the hash chain until the next checkpoint.`
      : " No signed checkpoint yet: the events rest on the hash chain alone."
    : "";
  return (
    <button
      type="button"
      data-testid="chain-badge"
      data-ok={v.ok}
      onClick={() => void verdict.refetch()}
      title={`Verified ${new Date(v.verifiedAt).toLocaleString()} (${v.checked} events recomputed from #${v.from}).${anchored} Click to verify again.`}
      className={`${BASE} ${v.ok ? "bg-emerald-50 text-emerald-800 ring-emerald-300" : "bg-red-50 text-red-800 ring-red-300"}`}
    >
      {v.ok ? <Link2 className="size-4" aria-hidden /> : <Link2Off className="size-4" aria-hidden />} {verdictText(v)}
    </button>
  );
}
