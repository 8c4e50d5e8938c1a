"use client";
import { useQuery } from "@tanstack/react-query";
import type { scanPodLogs } from "@/lib/ops/kube/pod-logs";
import { fetcher } from "@/lib/queries/fetcher";
import { PanelError } from "@/components/ui/panel";

type Scan = { namespace: string; tail: number; pods: Awaited<ReturnType<typeof scanPodLogs>> };

/** Runbook 1.2's loop over every pod's logs, as one table with a count per pod. */
export function ErrorScan({ namespace, onOpen }: { namespace: string; onOpen: (pod: string) => void }) {
  const scan = useQuery({
    queryKey: ["cluster", "scan", namespace],
    queryFn: ({ signal }) => fetcher<Scan>(`/api/cluster/logs/scan?namespace=${encodeURIComponent(namespace)}`, { signal }),
  });
  const max = Math.max(1, ...(scan.data?.pods.map((p) => p.count) ?? [0]));
  return (
    <section aria-labelledby="scan-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-200 px-4 py-3">
        <h2 id="scan-title" className="font-semibold">
          ERROR | FATAL | PANIC in the last {scan.data?.tail ?? 50} lines of each pod
        </h2>
      </header>
      <PanelError error={scan.error} title="The scan failed" />
      {scan.isPending ? <p className="px-4 py-3 text-sm text-slate-500">Reading every pod&apos;s logs…</p> : null}
      <ul className="divide-y divide-slate-100">
        {scan.data?.pods.map((p) => (
          <li key={p.pod} data-testid={`scan-${p.pod}`} data-count={p.count} className="px-4 py-2 text-sm">
            <div className="flex items-center gap-3">
              <button type="button" className="w-80 truncate text-left font-mono text-xs text-sky-800 hover:underline" onClick={() => onOpen(p.pod)}>
                {p.pod}
              </button>
              <div className="h-2 w-40 rounded bg-slate-100" aria-hidden>
                <div className={p.count ? "h-2 rounded bg-red-500" : ""} style={{ width: `${(p.count / max) * 100}%` }} />
              </div>
              <span className={p.count ? "font-semibold text-red-700" : "text-slate-500"}>{p.error ? "unreadable" : p.count ? `${p.count} found` : "No errors found"}</span>
            </div>
            {p.lines.length ? <pre className="mt-1 overflow-x-auto rounded bg-slate-950 p-2 text-xs text-red-300">{p.lines.slice(-3).join("\n")}</pre> : null}
            {p.error ? <p className="mt-1 text-xs text-slate-600">{p.error}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
