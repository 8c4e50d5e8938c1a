"use client";
import { ScanSearch, ScrollText, Search } from "lucide-react";
import { useState } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { usePods } from "@/lib/queries/use-cluster";
import { EmptyRow, PanelError, TableHead } from "@/components/ui/panel";

const tone = (status: string): Tone =>
  status === "Running" ? "ok" : /BackOff|Err|Error|OOMKilled|Failed|Unknown/.test(status) ? "down" : status === "Terminating" ? "neutral" : "info";

export function PodsTable({
  namespace,
  selector,
  onSelector,
  onLogs,
  onScan,
  scanning,
}: {
  namespace: string;
  selector: string;
  onSelector: (l: string) => void;
  onLogs: (pod: string) => void;
  onScan: () => void;
  scanning: boolean;
}) {
  const pods = usePods(namespace, selector);
  const [draft, setDraft] = useState(selector);
  return (
    <section aria-labelledby="pods-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="pods-title" className="font-semibold">
          Pods {pods.data ? <span className="font-normal text-slate-500">({pods.data.pods.length})</span> : null}
        </h2>
        <Button size="sm" variant={scanning ? "primary" : "secondary"} aria-pressed={scanning} onClick={onScan}>
          <ScanSearch className="size-4" aria-hidden /> Scan logs for errors
        </Button>
        <form
          className="ml-auto flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            onSelector(draft.trim());
          }}
        >
          <label htmlFor="pod-selector" className="text-xs font-medium text-slate-600">
            Label selector
          </label>
          <input id="pod-selector" className={`${inputClass} w-64 font-mono`} placeholder="app=phoenix-api" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <Button type="submit" size="sm">
            <Search className="size-4" aria-hidden /> Filter
          </Button>
        </form>
      </header>
      <PanelError error={pods.error} title="Pods could not be listed" />
      <table className="w-full text-sm" aria-label={`Pods in ${namespace}`}>
        <TableHead columns={[{ label: "Name" }, { label: "Status" }, { label: "Ready" }, { label: "Restarts", align: "right" }, { label: "CPU", align: "right" }, { label: "Memory", align: "right" }, { label: "Node" }, { label: "IP" }, { label: "Age" }, { label: "Logs", hidden: true }]} />
        <tbody className="divide-y divide-slate-100">
          {pods.data?.pods.map((p) => (
            <tr key={p.name} data-testid={`pod-${p.name}`} data-status={p.status}>
              <th scope="row" className="px-4 py-2 text-left font-mono text-xs font-medium">
                {p.name}
              </th>
              <td className="px-4 py-2">
                <Badge tone={tone(p.status)}>{p.status}</Badge>
              </td>
              <td className="px-4 py-2 tabular-nums">{p.ready}</td>
              <td className={`px-4 py-2 text-right tabular-nums ${p.restarts ? "font-semibold text-red-700" : ""}`}>{p.restarts}</td>
              <td className="px-4 py-2 text-right tabular-nums text-slate-700">{p.cpuMillis === null ? "—" : `${Math.round(p.cpuMillis)}m`}</td>
              <td className="px-4 py-2 text-right tabular-nums text-slate-700">{p.memoryMiB === null ? "—" : `${Math.round(p.memoryMiB)}Mi`}</td>
              <td className="px-4 py-2 text-slate-700">{p.node ?? "—"}</td>
              <td className="px-4 py-2 font-mono text-xs text-slate-600">{p.ip ?? "—"}</td>
              <td className="px-4 py-2 text-slate-600">{p.createdAt ? <RelativeTime iso={p.createdAt} age /> : "—"}</td>
              <td className="px-4 py-2 text-right">
                <Button size="sm" variant="ghost" onClick={() => onLogs(p.name)} aria-label={`Logs of ${p.name}`}>
                  <ScrollText className="size-4" aria-hidden /> Logs
                </Button>
              </td>
            </tr>
          ))}
          {pods.data && pods.data.pods.length === 0 ? (
            <EmptyRow colSpan={10}>No pods match {selector ? <code>{selector}</code> : "in this namespace"}.</EmptyRow>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
