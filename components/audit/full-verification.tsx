"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/error-note";
import { useStartFullVerification, useVerificationJob } from "@/lib/queries/use-audit";
import { verdictText } from "./chain-badge";

/** Recomputes every event on request (the badge only checks what is new), showing events checked / total. */
export function FullVerification() {
  const [jobId, setJobId] = useState<string>();
  const start = useStartFullVerification();
  const job = useVerificationJob(jobId);
  const j = job.data;
  const running = start.isPending || j?.state === "running";
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="full-verification">
      <Button size="sm" disabled={running} onClick={() => start.mutate(undefined, { onSuccess: (started) => setJobId(started.id) })}>
        {running ? "Verifying every event…" : "Full verification"}
      </Button>
      {j?.state === "running" && (
        <span className="flex items-center gap-2 text-slate-700">
          <progress className="h-2 w-32" value={j.checked} max={Math.max(j.total, 1)} />
          {j.checked.toLocaleString()} / {j.total.toLocaleString()} events checked
        </span>
      )}
      {j?.state === "done" && j.verdict && (
        <span className={j.verdict.ok ? "text-emerald-800" : "text-red-800"}>
          Full verification: {verdictText(j.verdict)} ({j.verdict.checked.toLocaleString()} recomputed)
        </span>
      )}
      {j?.state === "failed" && <span className="text-amber-900">Full verification did not finish: {j.error}</span>}
      {(start.error ?? job.error) && <ErrorNote error={start.error ?? job.error} />}
    </div>
  );
}
