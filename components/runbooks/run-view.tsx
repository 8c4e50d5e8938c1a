"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlarmClock, CheckCheck, Download, Flag } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useNow } from "@/components/ui/use-now";
import { useActor } from "@/components/shell/actor-context";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { PanelError } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { denialReason } from "@/lib/auth/policy";
import { fetcher } from "@/lib/queries/fetcher";
import { keys } from "@/lib/queries/keys";
import { runKeys, useRun } from "@/lib/queries/use-runbooks";
import { elapsed } from "@/lib/runbooks/timeline";
import { statusLabel } from "./runbook-catalogue";
import { SeverityBadge } from "./severity-badge";
import { Obligations } from "./obligations";
import { StepCard } from "./step-card";

const STATUS_TONE: Record<string, Tone> = { in_progress: "info", resolved: "ok", escalated: "down", abandoned: "neutral" };

const clock = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/** Counts down to the runbook's escalation rule while the run is open. */
function EscalationCountdown({ at, rule }: { at: string; rule: string }) {
  const now = useNow(1000);
  if (now === null) return null;
  const left = Date.parse(at) - now;
  return (
    <p role="timer" data-testid="escalation" className={`flex items-center gap-1.5 text-sm ${left < 5 * 60_000 ? "font-semibold text-red-800" : "text-amber-900"}`}>
      <AlarmClock className="size-4" aria-hidden />
      {left > 0 ? `${clock(left)} until escalation` : "escalation due"} · {rule}
    </p>
  );
}

/** A run of a runbook, live: every step with its controls, and the timeline. Shareable by URL. */
export function RunView({ id }: { id: string }) {
  const actor = useActor();
  const client = useQueryClient();
  const data = useRun(id);
  const [finishing, setFinishing] = useState<"resolved" | "abandoned" | null>(null);
  const finish = useMutation({
    mutationFn: (body: { status: "resolved" | "abandoned"; note: string }) => fetcher(`/api/runs/${id}/finish`, { method: "POST", body }),
    onSuccess: () => setFinishing(null),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: runKeys.run(id) }), client.invalidateQueries({ queryKey: keys.audit.all() })]),
  });

  if (data.error && !data.data) return <PanelError error={data.error} title="This run could not be loaded" />;
  if (!data.data) return <p className="text-sm text-slate-500">Loading the run…</p>;
  const { run, runbook, asked } = data.data;
  const open = run.status === "in_progress" || run.status === "escalated";
  const done = run.steps.filter((s) => s.state === "done" || s.state === "skipped").length;
  const denied = denialReason(actor.role, "runbook.finish");
  // The first step still to do (or to retry): where the reader's eye should go.
  const nextStep = open ? run.steps.find((s) => s.state === "pending" || s.state === "failed")?.stepId : undefined;

  return (
    <div className="space-y-4" data-testid="run" data-status={run.status}>
      <header className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold">{run.title}</h1>
          <SeverityBadge severity={run.severity} />
          <Badge tone={STATUS_TONE[run.status]}>{statusLabel(run.status)}</Badge>
          {run.drill ? <Badge tone="info">drill{run.scenario ? `: ${run.scenario}` : ""}</Badge> : null}
          {run.endedAt ? (
            <span className="text-sm text-slate-600" data-testid="run-duration">
              {statusLabel(run.status)} in {elapsed(run.startedAt, run.endedAt)}
            </span>
          ) : null}
          <span className="ml-auto flex gap-2">
            {open ? (
              <>
                <Button size="sm" variant="primary" disabledReason={denied} onClick={() => setFinishing("resolved")}>
                  <CheckCheck className="size-4" aria-hidden /> Resolve…
                </Button>
                <Button size="sm" variant="ghost" disabledReason={denied} onClick={() => setFinishing("abandoned")}>
                  <Flag className="size-4" aria-hidden /> Abandon…
                </Button>
              </>
            ) : null}
          </span>
        </div>
        {runbook ? <p className="text-sm text-slate-700">{runbook.purpose}</p> : null}
        <p className="text-sm text-slate-600">
          Started by {run.startedBy} <RelativeTime iso={run.startedAt} />
          {Object.keys(run.parameters).length ? ` · ${Object.entries(run.parameters).map(([k, v]) => `${k}=${v}`).join(", ")}` : ""} · {done}/{run.steps.length} steps done · runbook version {run.runbookVersion}
          {run.currentVersion ? "" : " (the runbook has changed since; this run follows the version it started with)"}
        </p>
        <div className="h-1.5 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-label="Steps done" aria-valuemin={0} aria-valuemax={run.steps.length} aria-valuenow={done}>
          <div className="h-full bg-emerald-500 transition-all" style={{ width: `${(done / Math.max(run.steps.length, 1)) * 100}%` }} />
        </div>
        {open && run.escalateAt && runbook?.escalation ? <EscalationCountdown at={run.escalateAt} rule={runbook.escalation.rule} /> : null}
        {run.alert ? (
          <p className="rounded-md bg-red-50 px-3 py-1.5 text-sm text-red-900" data-testid="run-alert">
            Started from alert <strong>{String((run.alert as { name?: string }).name)}</strong>
            {Object.entries((run.alert as { labels?: Record<string, string> }).labels ?? {})
              .filter(([k]) => k !== "team")
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => ` ${k}=${v}`)
              .join("")}
            {(run.alert as { activeAt?: string }).activeAt ? (
              <>
                {" "}· active since <RelativeTime iso={(run.alert as { activeAt: string }).activeAt} />
              </>
            ) : null}
          </p>
        ) : null}
        {runbook?.symptoms.length ? (
          <p className="text-xs text-slate-500">Symptoms: {runbook.symptoms.join(" · ")}</p>
        ) : null}
        {!runbook ? <p className="text-sm text-red-800">The runbook {run.runbookId} is no longer in the catalogue; the run is shown as recorded.</p> : null}
      </header>

      {runbook ? <Obligations runId={run.id} obligations={run.obligations} steps={runbook.steps} open={open} /> : null}

      {runbook ? (
        <ol className="space-y-3" aria-label="Steps">
          {runbook.steps.map((step, i) => {
            const state = run.steps.find((s) => s.stepId === step.id);
            return state ? <StepCard
                key={step.id}
                runId={run.id}
                step={step}
                state={state}
                asked={asked[step.id] ?? []}
                index={i}
                open={open}
                next={step.id === nextStep}
                deployment={runbook?.deployment ? { kind: runbook.deployment, linked: run.deployment, version: run.parameters.version ?? "" } : undefined}
              /> : null;
          })}
        </ol>
      ) : null}

      <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <header className="flex items-center border-b border-slate-200 px-4 py-3">
          <h2 id="timeline-title" className="font-semibold">
            Timeline
          </h2>
          <a href={`/api/runs/${run.id}/timeline`} download className="ml-auto inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100">
            <Download className="size-4" aria-hidden /> Export Markdown
          </a>
        </header>
        <ol className="divide-y divide-slate-100 text-sm" data-testid="timeline">
          {run.events.map((e) => (
            <li key={e.id} className="flex gap-3 px-4 py-1.5">
              <time className="w-20 shrink-0 tabular-nums text-slate-500" dateTime={e.at} title={new Date(e.at).toLocaleString()}>
                {new Date(e.at).toISOString().slice(11, 19)}
              </time>
              <span className="w-40 shrink-0 truncate text-slate-600">{e.actor}</span>
              <span>{e.message}</span>
            </li>
          ))}
        </ol>
      </section>
      <p className="text-sm">
        <Link href="/runbooks" className="text-sky-800 hover:underline">
          ← All runbooks
        </Link>
      </p>

      {finishing ? (
        <ReasonDialog
          title={finishing === "resolved" ? "Resolve this run" : "Abandon this run"}
          description="A note for the timeline and the post-incident review."
          label={finishing === "resolved" ? "What fixed it" : "Why it is abandoned"}
          submitLabel={finishing === "resolved" ? "Resolve" : "Abandon"}
          pending={finish.isPending}
          error={finish.error}
          warnings={[
            ...(finishing === "resolved" && done < run.steps.length ? [`${run.steps.length - done} steps are neither done nor skipped.`] : []),
            ...run.obligations.filter((o) => o.state === "open").map((o) => `Still in place: ${o.text}. Undo it, or record why it stays, before you close the run.`),
          ]}
          onSubmit={(note) => finish.mutate({ status: finishing, note })}
          onClose={() => setFinishing(null)}
        />
      ) : null}
    </div>
  );
}
