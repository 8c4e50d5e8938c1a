"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote } from "@/components/ui/error-note";
import { Field, inputClass } from "@/components/ui/field";
import type { HealthRow } from "@/lib/health/health-types";
import { useAction } from "@/lib/queries/use-action";
import { keys } from "@/lib/queries/keys";

/** health.acknowledge: the SRE records which failing rows they reviewed and what they found. */
export function AcknowledgeDialog({ open, onOpenChange, rows }: { open: boolean; onOpenChange: (o: boolean) => void; rows: HealthRow[] }) {
  const [note, setNote] = useState("");
  const ack = useAction("health.acknowledge", [keys.audit.latest("health.acknowledge")]);

  function submit() {
    ack.mutate(
      { input: { rows: rows.map((r) => ({ check: r.check, status: r.status, error: r.error })), note } },
      {
        onSuccess: () => {
          toast.success("Acknowledgement recorded in the audit log");
          setNote("");
          onOpenChange(false);
        },
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={(o) => (ack.reset(), onOpenChange(o))} title="Acknowledge failing health checks" description="Recorded in the audit log with your name, the rows as you saw them, and your note.">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        className="space-y-4"
      >
        <ul className="space-y-1 rounded-md bg-red-50 p-3 text-sm">
          {rows.map((r) => (
            <li key={r.check}>
              <strong>{r.name}</strong>: <span className="text-red-800">{r.error}</span>
            </li>
          ))}
        </ul>
        <Field id="ack-note" label="Note" hint="What you found, or what you are doing about it.">
          <textarea id="ack-note" rows={3} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
        </Field>
        <ErrorNote error={ack.error} />
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={ack.isPending}>
            {ack.isPending ? "Recording…" : "Record acknowledgement"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
