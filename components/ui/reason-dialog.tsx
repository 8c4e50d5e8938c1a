"use client";
import { useState } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { ErrorNote } from "./error-note";
import { Field, inputClass } from "./field";

/** Asks for one line of text that goes on the record (a reason, a note), then submits it. */
export function ReasonDialog({
  title,
  description,
  label,
  submitLabel,
  pending,
  error,
  warnings,
  onSubmit,
  onClose,
}: {
  title: string;
  description: string;
  label: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  warnings?: string[];
  onSubmit: (text: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState("");
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={title} description={description}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(text.trim());
        }}
      >
        <Field id="reason-dialog-text" label={label}>
          <input id="reason-dialog-text" className={inputClass} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
        </Field>
        {warnings?.map((w) => (
          <p key={w} role="alert" className="text-xs font-medium text-amber-900">
            {w}
          </p>
        ))}
        <ErrorNote error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={text.trim().length < 3 || pending}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
