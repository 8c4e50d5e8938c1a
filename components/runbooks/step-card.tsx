"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { clsx } from "clsx";
import { CheckCircle2, Circle, CircleSlash, Hand, Loader2, Play, Rocket, SkipForward, Terminal, XCircle, Zap } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ConfirmActionDialog } from "@/components/actions/confirm-action-dialog";
import { useActor } from "@/components/shell/actor-context";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/error-note";
import { Field, inputClass } from "@/components/ui/field";
import { ReasonDialog } from "@/components/ui/reason-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { denialReason } from "@/lib/auth/policy";
import { fetcher } from "@/lib/queries/fetcher";
import { keys } from "@/lib/queries/keys";
import { runKeys } from "@/lib/queries/use-runbooks";
import type { CheckOutput } from "@/lib/runbooks/checks";
import type { RunStepView, RunView } from "@/lib/runbooks/runs";
import { isReading, type Step } from "@/lib/runbooks/types";
import type { RunPayload } from "@/lib/runbooks/views";
import { CheckOutputView } from "./check-output";

const STATE_ICON = {
  pending: <Circle className="size-5 text-slate-300" aria-hidden />,
  running: <Loader2 className="size-5 animate-spin text-sky-600" aria-hidden />,
  done: <CheckCircle2 className="size-5 text-emerald-600" aria-hidden />,
  failed: <XCircle className="size-5 text-red-600" aria-hidden />,
  skipped: <CircleSlash className="size-5 text-slate-400" aria-hidden />,
};

const KIND_LABEL = { check: "check", query: "query", action: "action", manual: "manual", decision: "decision", deployment: "deployment" } as const;

/** For runbooks 3.1/3.2: the kind of request the run leads into, and the one it made. */
type RunDeployment = { kind: "standard" | "hotfix"; linked: RunView["deployment"]; version: string };

type Asked = RunPayload["asked"][string];

/** One step of a run: what it is, the seed's command it stands for, its controls and its result. */
export function StepCard({
  runId,
  step,
  state,
  asked,
  index,
  open,
  next,
  deployment,
}: {
  runId: string;
  step: Step;
  state: RunStepView;
  asked: Asked;
  index: number;
  open: boolean;
  next: boolean;
  deployment?: RunDeployment;
}) {
  const actor = useActor();
  const client = useQueryClient();
  const denied = denialReason(actor.role, "runbook.step");
  const [note, setNote] = useState("");
  const [skipping, setSkipping] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(asked.map((a) => [a.field, a.default === undefined ? "" : String(a.default)])));
  const [confirming, setConfirming] = useState<Record<string, string> | null>(null);
  const op = useMutation({
    mutationFn: (body: unknown) => fetcher(`/api/runs/${runId}/steps/${step.id}`, { method: "POST", body }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: runKeys.run(runId) }), client.invalidateQueries({ queryKey: keys.audit.all() })]),
  });
  const output = state.output as (CheckOutput & { verdict?: string }) | null;
  const actionDenied = step.kind === "action" ? denialReason(actor.role, step.action) : null;
  const canAct = open && !denied;

  return (
    <li
      id={`step-${step.id}`}
      data-testid={`step-${step.id}`}
      data-state={state.state}
      aria-current={next ? "step" : undefined}
      className={clsx(
        "rounded-lg border bg-white shadow-sm",
        state.state === "failed" ? "border-red-300" : state.state === "done" ? "border-emerald-200" : "border-slate-200",
        next && "ring-2 ring-sky-500",
      )}
    >
      <div className="flex items-start gap-3 px-4 py-3">
        <span className="mt-0.5" title={state.state}>
          {STATE_ICON[state.state]}
        </span>
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-baseline gap-2">
            <h3 className="font-semibold">
              {index + 1}. {step.title}
            </h3>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] uppercase tracking-wide text-slate-600">
              {step.kind === "manual" ? <Hand className="mr-1 inline size-3" aria-hidden /> : step.kind === "action" ? <Zap className="mr-1 inline size-3" aria-hidden /> : null}
              {KIND_LABEL[step.kind]}
            </span>
            <span className="sr-only">state: {state.state}</span>
            {next ? <span className="rounded bg-sky-600 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-white">next</span> : null}
            {step.kind === "action" && step.when ? <span className="text-xs text-slate-500">when: {step.when}</span> : null}
          </div>
          {step.detail ? <p className="text-sm text-slate-700">{step.detail}</p> : null}
          {step.command ? (
            <details open={step.kind === "manual"}>
              <summary className="cursor-pointer text-xs text-slate-500">
                <Terminal className="mr-1 inline size-3" aria-hidden />
                {step.kind === "manual"
                  ? "The runbook's command (run it yourself)"
                  : step.kind === "deployment"
                    ? "The runbook's command (the deployment workflow does this)"
                    : "The runbook's command (the console does this for you)"}
              </summary>
              <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{step.command}</pre>
            </details>
          ) : null}
          {step.kind === "manual" ? <p className="text-sm text-slate-800">{step.instructions}</p> : null}
          {step.kind === "deployment" && deployment ? <DeploymentStepBody runId={runId} phase={step.phase} open={open} deployment={deployment} lines={(state.output as { lines?: string[] } | null)?.lines ?? []} /> : null}
          {step.kind === "decision" ? <p className="text-sm text-slate-800">{step.question}</p> : null}
          {step.kind === "decision" && state.state === "done" ? (
            <p className="text-sm font-medium text-emerald-800" data-testid="decision">
              {(state.output as { choice?: string } | null)?.choice} → {step.choices.find((c) => c.label === (state.output as { choice?: string } | null)?.choice)?.next}
            </p>
          ) : null}

          {/* Result */}
          {output && isReading(step) ? (
            <div className="space-y-2 rounded-md border border-slate-200 p-2" data-testid="check-output" data-verdict={output.verdict}>
              <p className={clsx("text-sm font-medium", output.verdict === "ok" ? "text-emerald-800" : "text-amber-900")}>
                {output.verdict === "ok" ? "OK" : "Needs attention"}: {output.summary}
              </p>
              <CheckOutputView output={output} />
            </div>
          ) : null}
          {step.kind === "action" && state.state === "done" && state.actionId ? (
            <p className="text-sm text-emerald-800">
              Done by {state.actor}. <a className="text-sky-800 underline" href={`/audit?actionId=${state.actionId}`}>In the audit log</a>
            </p>
          ) : null}
          {state.error ? <ErrorNote error={new Error(state.error)} title={`Failed (attempt ${state.attempts})`} /> : null}
          {state.note ? <p className="text-sm text-slate-700">Note: {state.note}</p> : null}
          {state.finishedAt && state.actor ? (
            <p className="text-xs text-slate-500">
              {state.state} by {state.actor} <RelativeTime iso={state.finishedAt} />
              {state.attempts > 1 ? ` · ${state.attempts} attempts` : ""}
            </p>
          ) : null}
          <ErrorNote error={op.error} />

          {/* Controls */}
          {open ? (
            <div className="flex flex-wrap items-end gap-2">
              {isReading(step) ? (
                <Button size="sm" variant={state.state === "pending" ? "primary" : "secondary"} disabledReason={denied} disabled={op.isPending || state.state === "running"} onClick={() => op.mutate({ op: "check" })}>
                  <Play className="size-4" aria-hidden /> {state.state === "pending" ? (step.kind === "query" ? "Run query" : "Run check") : "Run again"}
                </Button>
              ) : null}
              {step.kind === "action" && state.state !== "done" ? (
                <form
                  className="flex flex-wrap items-end gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    setConfirming({ ...answers });
                  }}
                >
                  {asked.map((a) => (
                    <div key={a.field} className="w-40">
                      <Field id={`${step.id}-${a.field}`} label={a.label} hint={a.help}>
                        <input
                          id={`${step.id}-${a.field}`}
                          type={a.type === "number" ? "number" : "text"}
                          className={inputClass}
                          value={answers[a.field] ?? ""}
                          onChange={(e) => setAnswers((v) => ({ ...v, [a.field]: e.target.value }))}
                        />
                      </Field>
                    </div>
                  ))}
                  <Button type="submit" size="sm" variant={state.state === "failed" ? "secondary" : "primary"} disabledReason={denied ?? actionDenied}>
                    <Zap className="size-4" aria-hidden /> {state.state === "failed" ? "Retry…" : "Preview…"}
                  </Button>
                </form>
              ) : null}
              {step.kind === "manual" && state.state !== "done" ? (
                <form
                  className="flex flex-1 flex-wrap items-end gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    op.mutate({ op: "complete", ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => setNote("") });
                  }}
                >
                  <div className="min-w-64 flex-1">
                    <Field id={`${step.id}-note`} label="What you found (optional)">
                      <input id={`${step.id}-note`} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} />
                    </Field>
                  </div>
                  <Button type="submit" size="sm" variant="primary" disabledReason={denied} disabled={op.isPending}>
                    <CheckCircle2 className="size-4" aria-hidden /> Mark done
                  </Button>
                </form>
              ) : null}
              {step.kind === "decision" && state.state !== "done"
                ? step.choices.map((c) => (
                    <Button key={c.label} size="sm" disabledReason={denied} onClick={() => op.mutate({ op: "decide", choice: c.label })}>
                      {c.label}
                    </Button>
                  ))
                : null}
              {(state.state === "pending" || state.state === "failed") && step.kind !== "deployment" ? (
                <Button size="sm" variant="ghost" disabledReason={denied} onClick={() => setSkipping(true)}>
                  <SkipForward className="size-4" aria-hidden /> Skip…
                </Button>
              ) : null}
            </div>
          ) : null}
        </div>
      </div>

      {skipping ? (
        <ReasonDialog
          title={`Skip "${step.title}"`}
          description="Say why: the reason goes in the run's timeline and the audit log."
          label="Reason"
          submitLabel="Skip step"
          pending={op.isPending}
          error={op.error}
          onSubmit={(reason) => op.mutate({ op: "skip", reason }, { onSuccess: () => setSkipping(false) })}
          onClose={() => setSkipping(false)}
        />
      ) : null}
      {step.kind === "action" && canAct ? (
        <ConfirmActionDialog
          actionId={step.action}
          title={step.title}
          input={confirming}
          open={confirming !== null}
          onOpenChange={(o) => !o && setConfirming(null)}
          url={`/api/runs/${runId}/steps/${step.id}`}
          toBody={(call) => ({ op: "action", answers: confirming ?? {}, ...call })}
          invalidates={[runKeys.run(runId), keys.cluster.all()]}
          confirmLabel="Run"
        />
      ) : null}
    </li>
  );
}

/** A deployment step: the way into the deployment workflow, or what the deployment did for this step. */
function DeploymentStepBody({ runId, phase, open, deployment, lines }: { runId: string; phase: string; open: boolean; deployment: RunDeployment; lines: string[] }) {
  const { linked, kind, version } = deployment;
  if (phase === "request") {
    if (linked) {
      return (
        <p className="text-sm" data-testid="run-deployment">
          {kind === "hotfix" ? "Hotfix" : "Deployment"} <span className="font-mono">{linked.version}</span> to {linked.environment}: {linked.status === "open" ? "not started" : linked.status.replace("_", " ")}.{" "}
          <Link className="text-sky-800 underline" href={`/deployments/${linked.id}`}>
            Open the deployment
          </Link>
        </p>
      );
    }
    const q = new URLSearchParams({ run: runId, kind, ...(version ? { version } : {}) });
    return open ? (
      <Link href={`/deployments?${q}`} className="inline-flex h-8 items-center gap-1.5 rounded-md bg-sky-700 px-3 text-sm font-medium text-white hover:bg-sky-800">
        <Rocket className="size-4" aria-hidden /> {kind === "hotfix" ? "Request the hotfix…" : "Request the deployment…"}
      </Link>
    ) : null;
  }
  if (!lines.length) return <p className="text-xs text-slate-500">Carried out by the deployment workflow; its steps appear here as they happen.</p>;
  return (
    <ul className="space-y-0.5 rounded-md border border-slate-200 p-2 font-mono text-xs text-slate-700" aria-label="What the deployment did">
      {lines.map((l, i) => (
        <li key={i} className="break-all">
          {l}
        </li>
      ))}
    </ul>
  );
}
