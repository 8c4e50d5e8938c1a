"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { EventRow } from "@/lib/ops/kube/list-events";
import { fetcher } from "@/lib/queries/fetcher";
import { CLUSTER_REFRESH_MS } from "@/lib/queries/use-cluster";
import { EmptyRow, PanelError, TableHead } from "@/components/ui/panel";

/** Runbook 1.2: the namespace's recent events, newest first; warnings stand out. */
export function EventsPanel({ namespace }: { namespace: string }) {
  const events = useQuery({
    queryKey: ["cluster", "events", namespace],
    queryFn: ({ signal }) => fetcher<{ events: EventRow[] }>(`/api/cluster/events?namespace=${encodeURIComponent(namespace)}&limit=20`, { signal }),
    refetchInterval: CLUSTER_REFRESH_MS,
  });
  return (
    <section aria-labelledby="events-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-200 px-4 py-3">
        <h2 id="events-title" className="font-semibold">
          Recent events in {namespace}
        </h2>
      </header>
      <PanelError error={events.error} title="Events could not be listed" />
      <table className="w-full text-sm" aria-label={`Events in ${namespace}`}>
        <TableHead columns={[{ label: "Last seen" }, { label: "Type" }, { label: "Reason" }, { label: "Object" }, { label: "Message" }]} />
        <tbody className="divide-y divide-slate-100">
          {events.data?.events.map((e, i) => (
            <tr key={i} data-testid="event-row" className={e.type === "Warning" ? "bg-amber-50/50" : undefined}>
              <td className="whitespace-nowrap px-4 py-1.5 text-slate-600">{e.lastSeen ? <RelativeTime iso={e.lastSeen} /> : "—"}</td>
              <td className="px-4 py-1.5">{e.type === "Warning" ? <Badge tone="warn">Warning</Badge> : <span className="text-slate-600">Normal</span>}</td>
              <td className="px-4 py-1.5 font-medium">{e.reason}</td>
              <td className="px-4 py-1.5 font-mono text-xs">{e.object}</td>
              <td className="px-4 py-1.5 text-slate-700">{e.message}</td>
            </tr>
          ))}
          {events.data && events.data.events.length === 0 ? (
            <EmptyRow colSpan={5}>No recent events.</EmptyRow>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
