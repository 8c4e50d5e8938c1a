"use client";
import { Activity, CheckCircle2, History, Loader2, X, XCircle } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/error-note";
import { type RolloutReading, type RolloutTarget, useRolloutStream } from "@/lib/queries/use-rollout";

const seconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** One labelled meter: n of max, as a bar a person reads at a glance. */
function Meter({ label, n, max, tone }: { label: string; n: number; max: number; tone: string }) {
  return (
    <div className="flex items-center gap-3 text-xs">
      <span className="w-28 shrink-0 whitespace-nowrap text-slate-600">{label}</span>
      <div className="h-2.5 flex-1 overflow-hidden rounded bg-slate-200" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={n}>
        <div className={`h-full transition-all ${tone}`} style={{ width: `${(Math.min(n, max) / Math.max(max, 1)) * 100}%` }} />
      </div>
      <span className="w-12 shrink-0 text-right tabular-nums text-slate-700">
        {n} / {max}
      </span>
    </div>
  );
}

/** The numbers behind kubectl's sentence: pods on the new revision, pods available (any revision), old ones still to go. */
export function RolloutMeters({ r }: { r: Pick<RolloutReading, "updated" | "available" | "desired" | "oldPending"> }) {
  return (
    <div className="space-y-1.5">
      <Meter label="Updated pods" n={r.updated} max={r.desired} tone="bg-sky-500" />
      <Meter label="Available pods" n={r.available} max={r.desired} tone="bg-emerald-500" />
      {r.oldPending > 0 ? <p className="pl-[7.75rem] text-xs text-amber-800">{r.oldPending} old {r.oldPending === 1 ? "pod" : "pods"} still to be replaced</p> : null}
    </div>
  );
}

/**
 * `kubectl rollout status`, watched live: kubectl's own sentences as they change, a bar of
 * updated/available/old pods, and the time since the click that started it.
 */
export function RolloutPanel({ target, onClose, onHistory }: { target: RolloutTarget; onClose: () => void; onHistory?: () => void }) {
  const { readings, latest, problem } = useRolloutStream(target);
  const done = latest?.phase === "complete" || latest?.phase === "failed";
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (done) return;
    const t = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(t);
  }, [done]);
  const elapsed = (done ? latest.receivedAt : now) - target.since;
  const what = `${target.kind.toLowerCase()}/${target.name}`;

  return (
    <section
      aria-labelledby="rollout-title"
      data-testid="rollout-panel"
      data-phase={latest?.phase ?? "connecting"}
      className="rounded-lg border border-sky-200 bg-white shadow-sm"
    >
      <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-3">
        <Activity className="size-4 text-sky-700" aria-hidden />
        <h2 id="rollout-title" className="font-semibold">
          Rollout of {what}
        </h2>
        <span className="text-xs text-slate-500">
          {target.namespace}
          {latest?.revision ? ` · revision ${latest.revision}` : ""}
          {latest ? ` · ${latest.images.join(", ")}` : ""}
        </span>
        <span className="ml-auto tabular-nums text-sm text-slate-700" data-testid="rollout-elapsed">
          {seconds(elapsed)}
        </span>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close the rollout view">
          <X className="size-4" aria-hidden />
        </Button>
      </header>
      <div className="space-y-3 p-4">
        <ErrorNote error={problem} title="Watching the rollout failed; retrying" />
        {latest ? <RolloutMeters r={latest} /> : <p className="text-sm text-slate-500">Opening a watch on {what}…</p>}
        {latest?.phase === "complete" ? (
          <p role="status" className="flex items-center gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900">
            <CheckCircle2 className="size-4" aria-hidden /> Rollout complete in {seconds(elapsed)}: {latest.message}
          </p>
        ) : null}
        {latest?.phase === "failed" ? (
          <div role="alert" className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            <XCircle className="size-4" aria-hidden />
            <span className="font-medium">Rollout failed after {seconds(elapsed)}: {latest.message}.</span>
            {onHistory ? (
              <Button size="sm" onClick={onHistory}>
                <History className="size-4" aria-hidden /> Roll back from the history…
              </Button>
            ) : null}
          </div>
        ) : null}
        <ol aria-label="Rollout progress" className="space-y-1 font-mono text-xs">
          {readings.map((r, i) => (
            <li key={`${r.receivedAt}-${i}`} className="flex gap-3">
              <span className="w-14 shrink-0 text-right tabular-nums text-slate-500">+{seconds(r.receivedAt - target.since)}</span>
              {r.phase === "waiting" && i === readings.length - 1 ? (
                <Loader2 className="size-3.5 shrink-0 animate-spin text-sky-700" aria-hidden />
              ) : r.phase === "failed" ? (
                <XCircle className="size-3.5 shrink-0 text-red-700" aria-hidden />
              ) : (
                <CheckCircle2 className="size-3.5 shrink-0 text-emerald-600" aria-hidden />
              )}
              <span className="text-slate-800">{r.message}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
