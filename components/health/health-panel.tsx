"use client";
import { RefreshCw } from "lucide-react";
import { useState } from "react";
import { useActor } from "@/components/shell/actor-context";
import { Button } from "@/components/ui/button";
import { denialReason } from "@/lib/auth/policy";
import type { HealthRow } from "@/lib/health/health-types";
import { useLatestAuditEvent } from "@/lib/queries/use-audit";
import { useHealth } from "@/lib/queries/use-health";
import { AcknowledgeDialog } from "./acknowledge-dialog";
import { HealthStatusBadge } from "./health-status-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { PanelError, TableHead } from "@/components/ui/panel";

export function HealthPanel({ refreshMs }: { refreshMs: number }) {
  const actor = useActor();
  const health = useHealth(refreshMs);
  const lastAck = useLatestAuditEvent("health.acknowledge");
  // The rows as they were when the SRE opened the dialog: what they reviewed, even if a refresh lands meanwhile.
  const [ackRows, setAckRows] = useState<HealthRow[] | null>(null);
  const rows = health.data?.checks ?? [];
  const failing = rows.filter((r) => r.status === "down");

  return (
    <section aria-labelledby="health-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="health-title" className="font-semibold">
          Platform health
        </h2>
        {health.data ? (
          <span className="text-xs text-slate-500">
            {failing.length ? `${failing.length} failing` : "all configured checks pass"} · checked <RelativeTime iso={health.data.checkedAt} /> ·
            refreshes every {Math.round(refreshMs / 1000)} s · timeout {health.data.timeoutMs} ms each
          </span>
        ) : null}
        <div className="ml-auto flex gap-2">
          {failing.length ? (
            <Button size="sm" variant="primary" disabledReason={denialReason(actor.role, "health.acknowledge")} onClick={() => setAckRows(failing)}>
              Acknowledge failing rows
            </Button>
          ) : null}
          <Button size="sm" onClick={() => void health.refetch()} disabled={health.isFetching} aria-label="Refresh health checks">
            <RefreshCw className={health.isFetching ? "size-4 animate-spin" : "size-4"} aria-hidden /> Refresh
          </Button>
        </div>
      </header>

      <PanelError error={health.error} title="The health checks could not be run" />

      <table className="w-full text-sm">
        <TableHead columns={[{ label: "Dependency" }, { label: "Status" }, { label: "Latency", align: "right" }, { label: "Detail" }, { label: "Last check" }]} />
        <tbody className="divide-y divide-slate-100">
          {health.isPending
            ? [0, 1, 2, 3].map((i) => (
                <tr key={i}>
                  <td colSpan={5} className="px-4 py-3">
                    <div className="h-4 animate-pulse rounded bg-slate-100" />
                  </td>
                </tr>
              ))
            : rows.map((row) => (
                <tr key={row.check} data-testid={`health-row-${row.check}`} data-status={row.status}>
                  <th scope="row" className="px-4 py-3 text-left font-medium">
                    {row.name}
                    <span className="block text-xs font-normal text-slate-500">{row.probe}</span>
                  </th>
                  <td className="px-4 py-3">
                    <HealthStatusBadge row={row} />
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{row.latencyMs === null ? "—" : `${row.latencyMs} ms`}</td>
                  <td className="max-w-md px-4 py-3">
                    {row.status === "not_configured" ? (
                      <span className="text-slate-600">
                        Set <code className="rounded bg-slate-100 px-1">{row.envVar}</code> to check it.
                      </span>
                    ) : row.status === "down" ? (
                      <span className="break-words text-red-800">{row.error}</span>
                    ) : (
                      <span className="break-words text-slate-700">{row.detail}</span>
                    )}
                    {row.target ? <span className="block truncate text-xs text-slate-500">{row.target}</span> : null}
                  </td>
                  <td className="px-4 py-3 text-slate-600">
                    <RelativeTime iso={row.checkedAt} />
                  </td>
                </tr>
              ))}
        </tbody>
      </table>

      {lastAck.data ? (
        <footer data-testid="last-ack" className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600">
          Last acknowledged by <strong>{lastAck.data.actor}</strong> <RelativeTime iso={lastAck.data.time} />:{" "}
          <q>{(lastAck.data.input as { note?: string } | null)?.note}</q>
        </footer>
      ) : null}

      <AcknowledgeDialog open={ackRows !== null} onOpenChange={(o) => !o && setAckRows(null)} rows={ackRows ?? []} />
    </section>
  );
}
