"use client";
import { CheckCircle2, Loader2, Undo2, XCircle } from "lucide-react";
import { RolloutMeters } from "@/components/cluster/rollout-panel";
import type { DeploymentView } from "@/lib/deployments/requests";
import type { RolloutStatus } from "@/lib/ops/kube/rollout-status";

type Reading = { phase: "rollout" | "rollback"; state: string; message: string; status: RolloutStatus | null; at: string };

/** Each service's rollout as it goes: image change, kubectl's sentence, and the pods behind it. */
export function RolloutProgress({ d }: { d: DeploymentView }) {
  const started = d.startedAt ? Date.parse(d.startedAt) : null;
  const rows = d.services.map((s) => {
    const mine = d.events.filter((e) => e.service === s.service);
    const setImage = mine.find((e) => e.kind === "set-image");
    const last = mine.filter((e) => e.kind === "rollout" || e.kind === "rollback").at(-1);
    const reading: Reading | null = last
      ? { phase: last.kind as Reading["phase"], state: last.state, message: last.message, status: (last.detail as RolloutStatus | null) ?? null, at: last.at }
      : null;
    return { s, setImage, reading };
  });
  return (
    <section aria-labelledby="rollouts" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 id="rollouts" className="border-b border-slate-200 px-4 py-3 font-semibold">
        Rollouts
      </h2>
      <ul className="divide-y divide-slate-100">
        {rows.map(({ s, setImage, reading }) => {
          const done = reading?.state === "ok";
          const failed = reading?.state === "failed";
          const label = !setImage
            ? "waiting to start"
            : setImage.state === "skipped"
              ? "already on this image"
              : reading
                ? `${reading.phase === "rollback" ? "rollback " : ""}${done ? "complete" : failed ? "failed" : "in progress"}`
                : "image set";
          return (
            <li key={s.service} className="space-y-2 px-4 py-3" data-testid={`rollout-${s.service}`} data-state={reading ? `${reading.phase}:${reading.state}` : "none"}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                {reading?.phase === "rollback" ? (
                  <Undo2 className="size-4 text-amber-700" aria-hidden />
                ) : done ? (
                  <CheckCircle2 className="size-4 text-emerald-600" aria-hidden />
                ) : failed ? (
                  <XCircle className="size-4 text-red-600" aria-hidden />
                ) : setImage && d.status === "executing" ? (
                  <Loader2 className="size-4 animate-spin text-sky-600" aria-hidden />
                ) : null}
                <span className="font-medium">{s.deployment}</span>
                <span className="text-slate-500">({label})</span>
                {reading && started ? <span className="ml-auto text-xs tabular-nums text-slate-500">+{((Date.parse(reading.at) - started) / 1000).toFixed(1)} s</span> : null}
              </div>
              {setImage ? <p className="font-mono text-xs text-slate-600">{setImage.message}</p> : null}
              {reading ? <p className={`font-mono text-xs ${failed ? "text-red-800" : "text-slate-800"}`}>{reading.message}</p> : null}
              {reading?.status ? <RolloutMeters r={reading.status} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
