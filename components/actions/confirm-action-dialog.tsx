"use client";
import type { QueryKey } from "@tanstack/react-query";
import { AlertTriangle } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote } from "@/components/ui/error-note";
import { Field, inputClass } from "@/components/ui/field";
import type { Preview } from "@/lib/actions/define-action";
import { isOutcomeUnknown, useActionAt } from "@/lib/queries/use-action";
import { toastActionError } from "./toast-action-error";

/**
 * The one confirmation for destructive actions: asks the server for the preview (what it
 * will touch), names it, requires a reason, then runs the action with confirm.
 */
type Props = {
  actionId: string;
  title: string;
  input: unknown;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  invalidates?: QueryKey[];
  confirmLabel?: string;
  /** Called after the action succeeded, with the time (ms since epoch) of the confirming click. */
  onDone?: (clickedAt: number) => void;
  /** Another endpoint that runs this action (a runbook step's), and its body; default: /api/actions/:id with the input. */
  url?: string;
  toBody?: (call: { confirm?: boolean; reason?: string }) => unknown;
};

/**
 * The one confirmation for destructive actions: asks the server for the preview (what it
 * will touch), names it, requires a reason, then runs the action with confirm.
 */
export function ConfirmActionDialog(props: Props) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange} title={props.title} description="Check what this will touch. A reason is required and goes in the audit log.">
      {/* Mounted while open only: each opening starts with a fresh preview and an empty reason. */}
      <ConfirmActionForm {...props} />
    </Dialog>
  );
}

function ConfirmActionForm({ actionId, title, input, onOpenChange, invalidates, confirmLabel = "Confirm", onDone, url, toBody }: Props) {
  const endpoint = url ?? `/api/actions/${actionId}`;
  const body = toBody ?? ((call: { confirm?: boolean; reason?: string }) => ({ input, ...call }));
  const previewCall = useActionAt(endpoint);
  const runCall = useActionAt(endpoint, invalidates);
  const [reason, setReason] = useState("");
  const { mutate: askPreview } = previewCall;
  const preview: Preview | null = previewCall.data?.status === "preview" ? previewCall.data.preview : null;

  // Ask for the preview when the dialog opens, and again if what it acts on changes.
  const previewBody = JSON.stringify(body({}));
  useEffect(() => {
    askPreview(JSON.parse(previewBody));
  }, [previewBody, askPreview]);

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const clickedAt = Date.now();
        runCall.mutate(
          body({ confirm: true, reason }),
          {
            onSuccess: () => {
              toast.success(`${title}: done`);
              onOpenChange(false);
              onDone?.(clickedAt);
            },
            // No answer: it may have happened. Close, so the re-read panel behind shows what did.
            onError: (error) => {
              if (!isOutcomeUnknown(error)) return;
              toastActionError(error);
              onOpenChange(false);
            },
          },
        );
      }}
    >
      {previewCall.isPending ? <p className="text-sm text-slate-500">Working out what this will touch…</p> : null}
      <ErrorNote error={previewCall.error} title="Could not prepare the preview" />
      {preview ? (
        <div data-testid="action-preview" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium text-amber-950">{preview.summary}</p>
          <ul className="mt-2 list-disc pl-5">
            {preview.items.map((i) => (
              <li key={i.label}>
                <strong>{i.label}</strong>
                {i.detail ? <span className="text-slate-700"> — {i.detail}</span> : null}
              </li>
            ))}
          </ul>
          {preview.diff ? (
            <pre data-testid="action-diff" aria-label="Changes" className="mt-2 max-h-60 overflow-auto rounded bg-white p-2 font-mono text-xs ring-1 ring-amber-200">
              {preview.diff.split("\n").map((line, i) => (
                <div key={i} className={line.startsWith("+") && !line.startsWith("+++") ? "bg-emerald-50 text-emerald-900" : line.startsWith("-") && !line.startsWith("---") ? "bg-red-50 text-red-900" : "text-slate-600"}>
                  {line}
                </div>
              ))}
            </pre>
          ) : null}
          {preview.warnings?.map((w) => (
            <p key={w} className="mt-2 flex items-center gap-1 text-amber-900">
              <AlertTriangle className="size-4" aria-hidden /> {w}
            </p>
          ))}
        </div>
      ) : null}
      <Field id="confirm-reason" label="Reason">
        <input id="confirm-reason" className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why you are doing this" />
      </Field>
      <ErrorNote error={runCall.error} />
      <div className="flex justify-end gap-2">
        <Button onClick={() => onOpenChange(false)}>Cancel</Button>
        <Button type="submit" variant="danger" disabled={!preview || reason.trim().length < 3 || runCall.isPending}>
          {runCall.isPending ? "Working…" : confirmLabel}
        </Button>
      </div>
    </form>
  );
}
