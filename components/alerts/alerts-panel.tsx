"use client";
import { useQuery } from "@tanstack/react-query";
import { BellRing, Play } from "lucide-react";
import { useState } from "react";
import { StartRunDialog } from "@/components/runbooks/start-run-dialog";
import { useActor } from "@/components/shell/actor-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyRow, PanelError, TableHead } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { denialReason } from "@/lib/auth/policy";
import type { Alert } from "@/lib/ops/prometheus/alerts";
import { fetcher } from "@/lib/queries/fetcher";
import { useCatalogue } from "@/lib/queries/use-runbooks";
import { parametersFromAlert, runbookForAlert } from "@/lib/runbooks/alert-link";
import type { CatalogueEntry } from "@/lib/runbooks/views";

/** Firing and pending alerts from Prometheus, each with "Start runbook" prefilled from its labels. */
export function AlertsPanel({ refreshMs }: { refreshMs: number }) {
  const actor = useActor();
  const alerts = useQuery({
    queryKey: ["alerts"],
    queryFn: ({ signal }) => fetcher<{ configured: boolean; source: string | null; alerts: Alert[] }>("/api/alerts", { signal }),
    refetchInterval: refreshMs,
  });
  const catalogue = useCatalogue();
  const [starting, setStarting] = useState<{ runbook: CatalogueEntry; alert: Alert } | null>(null);
  const denied = denialReason(actor.role, "runbook.start");
  const firing = alerts.data?.alerts.filter((a) => a.state === "firing").length ?? 0;

  return (
    <section aria-labelledby="alerts-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center gap-3 border-b border-slate-200 px-4 py-3">
        <BellRing className={firing ? "size-4 text-red-600" : "size-4 text-slate-400"} aria-hidden />
        <h2 id="alerts-title" className="font-semibold">
          Alerts
        </h2>
        <span className="text-xs text-slate-500">
          {alerts.data?.configured === false
            ? "not configured (set PROMETHEUS_URL or ALERTMANAGER_URL)"
            : `${firing} firing · ${(alerts.data?.alerts.length ?? 0) - firing} pending · from ${alerts.data?.source ?? "Prometheus"}`}
        </span>
      </header>
      <PanelError error={alerts.error} title="Alerts could not be read" />
      {alerts.data?.configured === false ? null : (
        <table className="w-full text-sm" aria-label="Alerts">
          <TableHead columns={[{ label: "State" }, { label: "Alert" }, { label: "Severity" }, { label: "Summary" }, { label: "Since" }, { label: "Actions", hidden: true }]} />
          <tbody className="divide-y divide-slate-100">
            {alerts.data?.alerts.map((a) => {
              const runbook = catalogue.data ? runbookForAlert(a, catalogue.data.runbooks) : null;
              return (
                <tr key={`${a.name}/${JSON.stringify(a.labels)}`} data-testid={`alert-${a.name}`} data-state={a.state} className="align-top">
                  <td className="px-4 py-2">
                    <Badge tone={a.state === "firing" ? "down" : "warn"}>{a.state}</Badge>
                  </td>
                  <th scope="row" className="px-4 py-2 text-left font-medium">
                    {a.name}
                    <span className="block text-xs font-normal text-slate-500">{Object.entries(a.labels).filter(([k]) => k !== "team").map(([k, v]) => `${k}=${v}`).join(" ")}</span>
                  </th>
                  <td className="px-4 py-2">{a.severity ?? "—"}</td>
                  <td className="px-4 py-2 text-slate-700">
                    {a.summary ?? ""}
                    {a.description ? <span className="block text-xs text-slate-500">{a.description}</span> : null}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600">{a.activeAt ? <RelativeTime iso={a.activeAt} /> : "—"}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-right">
                    {runbook ? (
                      <Button size="sm" variant={a.state === "firing" ? "primary" : "secondary"} disabledReason={denied} onClick={() => setStarting({ runbook, alert: a })}>
                        <Play className="size-4" aria-hidden /> Start runbook {runbook.number}
                      </Button>
                    ) : (
                      <span className="text-xs text-slate-500">no runbook</span>
                    )}
                  </td>
                </tr>
              );
            })}
            {alerts.data && alerts.data.alerts.length === 0 ? <EmptyRow colSpan={6}>No alerts firing or pending.</EmptyRow> : null}
            {alerts.isPending ? <EmptyRow colSpan={6}>Reading alerts…</EmptyRow> : null}
          </tbody>
        </table>
      )}
      {starting ? (
        <StartRunDialog
          runbook={starting.runbook}
          onClose={() => setStarting(null)}
          initial={parametersFromAlert(starting.alert, starting.runbook)}
          alert={{ name: starting.alert.name, state: starting.alert.state, severity: starting.alert.severity, labels: starting.alert.labels, activeAt: starting.alert.activeAt, summary: starting.alert.summary }}
        />
      ) : null}
    </section>
  );
}
