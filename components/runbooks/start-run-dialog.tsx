"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote } from "@/components/ui/error-note";
import { Field, inputClass } from "@/components/ui/field";
import { ApiError, fetcher } from "@/lib/queries/fetcher";
import type { CatalogueEntry } from "@/lib/runbooks/views";

/** Asks only for the parameters the runbook needs (prefilled with their defaults), then opens the run. */
export function StartRunDialog({
  runbook,
  onClose,
  alert,
  initial = {},
}: {
  runbook: CatalogueEntry;
  onClose: () => void;
  /** The alert the run starts from, recorded with it. */
  alert?: Record<string, unknown>;
  /** Values known already (from the alert's labels), over the defaults. */
  initial?: Record<string, string>;
}) {
  const router = useRouter();
  const [drill, setDrill] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(runbook.parameters.map((p) => [p.name, initial[p.name] ?? p.default ?? ""])));
  const start = useMutation({
    mutationFn: () => fetcher<{ run: { id: string } }>(`/api/runbooks/${runbook.id}/runs`, { method: "POST", body: { parameters: values, ...(alert ? { alert } : {}), ...(drill ? { drill: true } : {}) } }),
    onSuccess: (res) => router.push(`/runs/${res.run.id}`),
  });
  const issue = (name: string) => (start.error instanceof ApiError ? start.error.envelope.issues?.find((i) => i.path === `input.parameters.${name}`)?.message : undefined);

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Start runbook ${runbook.number} ${runbook.title}`} description={runbook.purpose}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        {alert ? (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            From alert <strong>{String(alert.name)}</strong> ({String(alert.state)}); it is recorded with the run.
          </p>
        ) : null}
        {runbook.parameters.length === 0 ? <p className="text-sm text-slate-600">This runbook needs no parameters.</p> : null}
        {runbook.parameters.map((p, i) => (
          <Field key={p.name} id={`param-${p.name}`} label={p.label} hint={p.help} error={issue(p.name)}>
            <input
              id={`param-${p.name}`}
              className={inputClass}
              value={values[p.name] ?? ""}
              onChange={(e) => setValues((v) => ({ ...v, [p.name]: e.target.value }))}
              autoFocus={i === 0}
            />
          </Field>
        ))}
        {runbook.drillScenario && !alert ? (
          <label className="flex items-start gap-2 rounded-md border border-sky-200 bg-sky-50 p-2 text-sm">
            <input type="checkbox" className="mt-0.5" checked={drill} onChange={(e) => setDrill(e.target.checked)} />
            <span>
              <span className="font-medium">Run as a drill</span>
              <span className="block text-xs text-slate-600">
                Switches on the sandbox cluster&apos;s <code>{runbook.drillScenario}</code> fault, and off again when the run ends. The run and its audit events are tagged as a drill, timed step by step.
              </span>
            </span>
          </label>
        ) : null}
        {runbook.escalation ? <p className="text-xs text-amber-800">Escalation: {runbook.escalation.rule}. The run counts down from its start.</p> : null}
        <ErrorNote error={start.error && !runbook.parameters.some((p) => issue(p.name)) ? start.error : null} title="The run could not start" />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={start.isPending}>
            {start.isPending ? "Starting…" : drill ? "Start drill" : "Start run"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
