"use client";
import { CircleAlert, CircleCheck, CircleX, RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PanelError } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import type { PreCheck, PreCheckReport } from "@/lib/deployments/checks";

const ICON = {
  ok: <CircleCheck className="size-4 text-emerald-600" aria-label="passing" />,
  failed: <CircleX className="size-4 text-red-600" aria-label="failing" />,
  error: <CircleAlert className="size-4 text-amber-600" aria-label="could not check" />,
};

/** Runbook 3.1's prerequisites as a checklist: each check, what it found, and the lines behind it. */
export function PreChecks({ report, error, fetching, onRefresh, live }: { report: PreCheckReport | undefined; error: unknown; fetching: boolean; onRefresh?: () => void; live: boolean }) {
  return (
    <section aria-labelledby="pre-checks" className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="pre-checks" data-passed={report ? String(report.passed) : undefined}>
      <div className="flex items-center gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id="pre-checks" className="font-semibold">
          Pre-deployment checks
        </h2>
        {report ? (
          <span className="text-xs text-slate-500">
            {live ? "checked" : "as checked"} <RelativeTime iso={report.at} />
          </span>
        ) : null}
        {onRefresh ? (
          <Button size="sm" className="ml-auto" onClick={onRefresh} disabled={fetching}>
            <RefreshCw className={`size-3.5 ${fetching ? "animate-spin" : ""}`} aria-hidden /> Check again
          </Button>
        ) : null}
      </div>
      <PanelError error={error} title="The checks could not be run" />
      {!report && !error ? <p className="px-4 py-3 text-sm text-slate-500">Checking…</p> : null}
      <ul className="divide-y divide-slate-100 text-sm">
        {report?.checks.map((c: PreCheck) => (
          <li key={c.id} className="flex gap-3 px-4 py-2" data-testid={`check-${c.id}`} data-state={c.state}>
            <span className="pt-0.5">{ICON[c.state]}</span>
            <div className="min-w-0">
              <p className="font-medium">{c.label}</p>
              <p className={c.state === "ok" ? "text-slate-600" : c.state === "failed" ? "text-red-800" : "text-amber-800"}>{c.detail}</p>
              {c.items?.length ? (
                <ul className="mt-1 space-y-0.5 font-mono text-xs text-slate-600">
                  {c.items.map((i) => (
                    <li key={i} className="break-all">
                      {i}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
