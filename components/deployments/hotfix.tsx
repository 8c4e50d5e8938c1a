"use client";
import { useEffect, useState } from "react";
import Link from "next/link";
import { PodLogs } from "@/components/cluster/pod-logs";
import { Badge } from "@/components/ui/badge";
import type { DeploymentView } from "@/lib/deployments/requests";
import { usePods } from "@/lib/queries/use-cluster";

export function HotfixBadge() {
  return (
    <Badge tone="down" className="font-semibold uppercase tracking-wide">
      hotfix
    </Badge>
  );
}

/** Runbook 3.2's steps no API can take: they are the person's to do, and the console says so. */
export function HotfixManualSteps({ image }: { image: string }) {
  const repo = image.replace(/:[^:/]+$/, "");
  return (
    <section aria-labelledby="hotfix-manual" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="hotfix-manual">
      <h2 id="hotfix-manual" className="font-semibold">
        Manual steps (runbook 3.2): the console does not run these
      </h2>
      <p className="mt-1">Build and push the image yourself before executing; afterwards, push the branch and open the proper PR for main.</p>
      <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">{`# 1. Create hotfix branch
git checkout -b hotfix/critical-fix
# 2. Apply fix and test locally
go test ./...
# 3. Build and push hotfix image
docker build -t ${repo}:hotfix-$(git rev-parse --short HEAD) .
docker push ${repo}:hotfix-$(git rev-parse --short HEAD)
# 7. After the console has deployed it: create proper PR for main branch
git push origin hotfix/critical-fix`}</pre>
    </section>
  );
}

type WindowDetail = { endsAt: string; seconds: number; pod: string | null };

/** The monitoring window: a countdown, the hotfix pod's restarts and state, and its live log. */
export function HotfixWindow({ d }: { d: DeploymentView }) {
  const windows = d.events.filter((e) => e.kind === "window");
  const opened = windows.find((e) => e.state === "running");
  const closed = windows.find((e) => e.state !== "running");
  const detail = opened?.detail as WindowDetail | undefined;
  const [now, setNow] = useState(() => Date.now());
  const active = !!detail && !closed && d.status === "executing";
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [active]);
  const s = d.services[0]!;
  const pods = usePods(d.namespace, `app=${s.deployment}`);
  if (!detail) return null;
  const left = Math.max(0, Date.parse(detail.endsAt) - now);
  const pod = pods.data?.pods.find((p) => p.name === detail.pod);
  const mmss = `${Math.floor(left / 60_000)}:${String(Math.floor((left % 60_000) / 1000)).padStart(2, "0")}`;
  return (
    <section aria-labelledby="window" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="hotfix-window" data-state={closed ? closed.state : "running"}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="window" className="font-semibold">
          Monitoring window
        </h2>
        {active ? (
          <span className="font-mono text-2xl tabular-nums" aria-label="Time left in the monitoring window">
            {mmss}
          </span>
        ) : (
          <Badge tone={closed?.state === "ok" ? "ok" : "down"}>{closed?.message ?? "ended"}</Badge>
        )}
        <span className="text-sm text-slate-600">
          {detail.seconds} s on one pod{detail.pod ? ` (${detail.pod})` : ""} before scaling back
        </span>
        {pod ? (
          <span className="ml-auto text-sm" data-testid="window-pod">
            {pod.status} · {pod.ready} ready · <span className={pod.restarts ? "font-semibold text-red-700" : ""}>{pod.restarts} restarts</span>
          </span>
        ) : null}
      </div>
      {active ? <div className="h-2 overflow-hidden rounded bg-slate-200"><div className="h-full bg-sky-500 transition-all" style={{ width: `${100 - (left / (detail.seconds * 1000)) * 100}%` }} /></div> : null}
      {active && detail.pod ? <PodLogs namespace={d.namespace} pod={detail.pod} initialFollow tailLines={50} /> : null}
    </section>
  );
}

/** A hotfix that went out stays an open item until a standard deployment supersedes it. */
export function HotfixReminder({ d }: { d: DeploymentView }) {
  if (!d.reminder) return null;
  if (!d.reminder.open && d.reminder.supersededBy) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700" data-testid="hotfix-reminder" data-open="false">
        Superseded by the standard deployment{" "}
        <Link className="font-mono text-sky-800 underline" href={`/deployments/${d.reminder.supersededBy.id}`}>
          {d.reminder.supersededBy.version}
        </Link>
        : the hotfix is in main.
      </p>
    );
  }
  return (
    <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="hotfix-reminder" data-open="true">
      Hotfix {d.version} is live in {d.environment} outside the normal process: create a proper PR for main. This stays open until a standard deployment of{" "}
      {d.services.map((s) => s.service).join(", ")} to {d.environment} supersedes it.
    </p>
  );
}
