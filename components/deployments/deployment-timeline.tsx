"use client";
import { clsx } from "clsx";
import { useState } from "react";
import type { DeploymentView } from "@/lib/deployments/requests";

const DOT: Record<string, string> = { ok: "bg-emerald-500", failed: "bg-red-500", running: "bg-sky-500", skipped: "bg-slate-300", info: "bg-slate-400" };

const clock = (iso: string) => new Date(iso).toISOString().slice(11, 19);

/** A rollout's intermediate readings (kubectl's "Waiting for…" lines): shown on request. */
const isReading = (e: DeploymentView["events"][number]) => (e.kind === "rollout" || e.kind === "rollback") && e.state === "running";

/** Everything that happened, in order: requested, checks, decisions, each step of the execution, the outcome. */
export function DeploymentTimeline({ d }: { d: DeploymentView }) {
  const [readings, setReadings] = useState(false);
  const hidden = d.events.filter(isReading).length;
  const lines = [
    { key: "requested", at: d.requestedAt, state: "info", actor: d.requestedBy, text: `Requested ${d.version} to ${d.environment} (${d.services.map((s) => s.service).join(", ")})` },
    ...d.decisions.map((x, i) => ({ key: `decision-${i}`, at: x.at, state: x.decision === "approve" ? "ok" : "failed", actor: x.by, text: `${x.decision === "approve" ? "Approved" : "Rejected"} revision ${x.revision}: ${x.comment}` })),
    ...d.events
      .filter((e) => readings || !isReading(e))
      .map((e) => ({ key: `event-${e.id}`, at: e.at, state: e.state, actor: e.actor, text: `${e.service ? `${e.service}: ` : ""}${e.message}` })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <section aria-labelledby="timeline" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="timeline" className="font-semibold">
          Timeline
        </h2>
        {hidden ? (
          <label className="ml-auto flex items-center gap-1.5 text-sm text-slate-600">
            <input type="checkbox" checked={readings} onChange={(e) => setReadings(e.target.checked)} />
            every rollout reading ({hidden})
          </label>
        ) : null}
      </div>
      <ol className="space-y-1 px-4 py-3 text-sm" aria-label="Timeline">
        {lines.map((l) => (
          <li key={l.key} className="flex items-start gap-3" data-state={l.state}>
            <time dateTime={l.at} title={l.at} className="w-16 shrink-0 pt-px font-mono text-xs tabular-nums text-slate-500">
              {clock(l.at)}
            </time>
            <span className={clsx("mt-1.5 size-2 shrink-0 rounded-full", DOT[l.state] ?? DOT.info)} aria-hidden />
            <span className={clsx("min-w-0 flex-1 break-words", l.state === "failed" && "text-red-800")}>{l.text}</span>
            <span className="shrink-0 text-xs text-slate-500">{l.actor}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
