"use client";
import { Link2, Link2Off, Loader2 } from "lucide-react";
import { useChainVerdict } from "@/lib/queries/use-audit";

/** Recomputes the whole hash chain on the server; red names the first broken event. */
export function ChainBadge() {
  const verdict = useChainVerdict();
  const base = "inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset";
  if (verdict.isPending)
    return (
      <span className={`${base} bg-slate-100 text-slate-600 ring-slate-300`}>
        <Loader2 className="size-4 animate-spin" aria-hidden /> Verifying chain…
      </span>
    );
  if (verdict.error || !verdict.data)
    return <span className={`${base} bg-amber-50 text-amber-900 ring-amber-300`}>Chain not verified: {verdict.error?.message}</span>;
  const v = verdict.data;
  return (
    <button
      type="button"
      data-testid="chain-badge"
      data-ok={v.ok}
      onClick={() => void verdict.refetch()}
      title={`Verified ${new Date(v.verifiedAt).toLocaleString()}. Click to verify again.`}
      className={`${base} ${v.ok ? "bg-emerald-50 text-emerald-800 ring-emerald-300" : "bg-red-50 text-red-800 ring-red-300"}`}
    >
      {v.ok ? (
        <>
          <Link2 className="size-4" aria-hidden /> Chain verified · {v.checked} events
        </>
      ) : (
        <>
          <Link2Off className="size-4" aria-hidden /> Chain broken at event #{v.firstBroken.seq} ({v.firstBroken.action},{" "}
          {new Date(v.firstBroken.time).toLocaleString()}): {v.firstBroken.problem}
        </>
      )}
    </button>
  );
}
