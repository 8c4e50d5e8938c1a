"use client";
import { BookOpen, Play, Search } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, useMemo, useState } from "react";
import { useActor } from "@/components/shell/actor-context";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PanelError, TableHead } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { denialReason } from "@/lib/auth/policy";
import { useCatalogue, useRuns } from "@/lib/queries/use-runbooks";
import { elapsed } from "@/lib/runbooks/timeline";
import type { CatalogueEntry } from "@/lib/runbooks/views";
import { SeverityBadge } from "./severity-badge";
import { StartRunDialog } from "./start-run-dialog";

const STATUS_TONE: Record<string, Tone> = { in_progress: "info", resolved: "ok", escalated: "down", abandoned: "neutral" };
export const statusLabel = (s: string) => s.replace("_", " ");

function matches(r: CatalogueEntry, q: string) {
  const text = [r.number, r.title, r.purpose, ...r.symptoms, ...r.alerts, r.section.title].join(" ").toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}

/** Every runbook of the seed, by section, searchable (`?q=` prefills the search); "Start" asks only for what the run needs. */
export function RunbookCatalogue() {
  return (
    <Suspense>
      <Catalogue />
    </Suspense>
  );
}

function Catalogue() {
  const actor = useActor();
  const catalogue = useCatalogue();
  const runs = useRuns();
  const params = useSearchParams();
  const [q, setQ] = useState(() => params.get("q") ?? "");
  const [starting, setStarting] = useState<CatalogueEntry | null>(null);
  const denied = denialReason(actor.role, "runbook.start");
  const sections = useMemo(() => {
    const shown = (catalogue.data?.runbooks ?? []).filter((r) => matches(r, q));
    return [...new Map(shown.map((r) => [r.section.number, r.section])).values()].map((s) => ({ ...s, runbooks: shown.filter((r) => r.section.number === s.number) }));
  }, [catalogue.data, q]);
  const open = runs.data?.runs.filter((r) => r.status === "in_progress" || r.status === "escalated") ?? [];
  const drills = runs.data?.runs.filter((r) => r.drill && r.endedAt) ?? [];

  return (
    <div className="space-y-6">
      {open.length ? (
        <section aria-labelledby="open-runs" className="rounded-lg border border-sky-200 bg-white shadow-sm">
          <h2 id="open-runs" className="border-b border-slate-200 px-4 py-3 font-semibold">
            Open runs
          </h2>
          <ul className="divide-y divide-slate-100">
            {open.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm" data-testid="open-run">
                <Link href={`/runs/${r.id}`} className="font-medium text-sky-800 hover:underline">
                  {r.title}
                </Link>
                <SeverityBadge severity={r.severity} />
                <Badge tone={STATUS_TONE[r.status]}>{statusLabel(r.status)}</Badge>
                <span className="text-slate-600">
                  {r.stepsDone}/{r.stepsTotal} steps · started by {r.startedBy} <RelativeTime iso={r.startedAt} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {drills.length ? (
        <section aria-labelledby="recent-drills" className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <h2 id="recent-drills" className="border-b border-slate-200 px-4 py-3 font-semibold">
            Recent drills
          </h2>
          <table className="w-full text-sm" aria-label="Recent drills">
            <TableHead columns={[{ label: "Runbook" }, { label: "Outcome" }, { label: "Time to resolve" }, { label: "Steps" }, { label: "By" }, { label: "When" }]} />
            <tbody className="divide-y divide-slate-100">
              {drills.map((r) => (
                <tr key={r.id} data-testid="drill-row">
                  <td className="px-4 py-2">
                    <Link href={`/runs/${r.id}`} className="text-sky-800 hover:underline">
                      {r.title}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <Badge tone={STATUS_TONE[r.status]}>{statusLabel(r.status)}</Badge>
                  </td>
                  <td className="px-4 py-2 tabular-nums">{elapsed(r.startedAt, r.endedAt!)}</td>
                  <td className="px-4 py-2 tabular-nums">
                    {r.stepsDone}/{r.stepsTotal}
                  </td>
                  <td className="px-4 py-2">{r.startedBy}</td>
                  <td className="px-4 py-2 text-slate-600">
                    <RelativeTime iso={r.startedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <div className="flex items-center gap-2">
        <label htmlFor="runbook-search" className="sr-only">
          Search runbooks
        </label>
        <div className="relative w-full max-w-xl">
          <Search className="pointer-events-none absolute left-2.5 top-2 size-4 text-slate-400" aria-hidden />
          <input
            id="runbook-search"
            type="search"
            className={`${inputClass} pl-8`}
            placeholder="Search number, title, symptom or alert: 5xx, OOM, 2.3"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <span className="text-sm text-slate-500">{sections.reduce((n, s) => n + s.runbooks.length, 0)} runbooks</span>
      </div>
      <PanelError error={catalogue.error} title="The catalogue could not be loaded" />

      {sections.map((s) => (
        <section key={s.number} aria-labelledby={`section-${s.number}`} className="space-y-2">
          <h2 id={`section-${s.number}`} className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            {s.number}. {s.title}
          </h2>
          <ul className="grid gap-3 md:grid-cols-2">
            {s.runbooks.map((r) => (
              <li key={r.id} data-testid={`runbook-${r.number}`} className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex items-start gap-2">
                  <BookOpen className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />
                  <h3 className="font-semibold">
                    {r.number} {r.title}
                  </h3>
                  <span className="ml-auto flex gap-1">
                    <SeverityBadge severity={r.severity} />
                  </span>
                </div>
                <p className="mt-1 text-sm text-slate-700">{r.purpose}</p>
                {r.symptoms.length ? (
                  <ul className="mt-2 list-disc pl-5 text-sm text-slate-600">
                    {r.symptoms.map((sym) => (
                      <li key={sym}>{sym}</li>
                    ))}
                  </ul>
                ) : null}
                <p className="mt-2 text-xs text-slate-500">
                  {r.steps.length} steps ({r.steps.filter((x) => x.kind === "check" || x.kind === "query" || x.kind === "action").length} run by the console)
                  {r.escalation ? ` · escalates after ${r.escalation.afterMinutes} min` : ""}
                  {r.authorization ? ` · authorisation: ${r.authorization}` : ""}
                </p>
                <div className="mt-3 flex justify-end">
                  <Button size="sm" variant="primary" disabledReason={denied} onClick={() => setStarting(r)}>
                    <Play className="size-4" aria-hidden /> Start…
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {catalogue.data && sections.length === 0 ? <p className="text-sm text-slate-600">No runbook matches “{q}”.</p> : null}
      {starting ? <StartRunDialog runbook={starting} onClose={() => setStarting(null)} /> : null}
    </div>
  );
}
