"use client";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { ChevronDown, ChevronRight } from "lucide-react";
import { Fragment, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AuditFilter, AuditRow } from "@/lib/audit/query-events";
import { useAuditEvents } from "@/lib/queries/use-audit";
import { OutcomeBadge } from "./outcome-badge";
import { ResultSummary } from "./result-summary";
import { PanelError } from "@/components/ui/panel";

const col = createColumnHelper<AuditRow>();

export function AuditTable({ filter, onShowAction }: { filter: AuditFilter; onShowAction: (actionId: string) => void }) {
  const query = useAuditEvents(filter);
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.events) ?? [], [query.data]);
  const [open, setOpen] = useState<string | null>(null);

  const columns = useMemo(
    () => [
      col.display({
        id: "expand",
        header: () => <span className="sr-only">Details</span>,
        cell: ({ row }) => (
          <button
            type="button"
            aria-expanded={open === row.original.seq}
            aria-label={`Details of event ${row.original.seq}`}
            onClick={() => setOpen((o) => (o === row.original.seq ? null : row.original.seq))}
            className="rounded p-0.5 hover:bg-slate-200"
          >
            {open === row.original.seq ? <ChevronDown className="size-4" /> : <ChevronRight className="size-4" />}
          </button>
        ),
      }),
      col.accessor("time", {
        header: "Time",
        cell: (c) => (
          <span className="whitespace-nowrap">
            {new Date(c.getValue()).toLocaleString()}
            <span className="block text-xs text-slate-500">
              <RelativeTime iso={c.getValue()} />
            </span>
          </span>
        ),
      }),
      col.accessor("actor", {
        header: "Actor",
        cell: ({ row }) => (
          <span>
            {row.original.actor}
            {row.original.onBehalfOf ? <span className="block text-xs text-slate-500">on behalf of {row.original.onBehalfOf}</span> : null}
          </span>
        ),
      }),
      col.accessor("actorRole", { header: "Role", cell: (c) => c.getValue() ?? "—" }),
      col.accessor("action", { header: "Action", cell: (c) => <code className="text-xs">{c.getValue()}</code> }),
      col.accessor("stage", { header: "Stage", cell: (c) => <span className="text-slate-600">{c.getValue()}</span> }),
      col.accessor("target", { header: "Target", cell: (c) => <span className="break-all">{c.getValue() ?? "—"}</span> }),
      col.accessor("outcome", { header: "Outcome", cell: (c) => <OutcomeBadge outcome={c.getValue()} /> }),
      col.display({
        id: "reason",
        header: "Reason / error",
        cell: ({ row }) => (
          <span className="block max-w-xs break-words">
            {row.original.reason ? <span>{row.original.reason}</span> : null}
            {row.original.error ? <span className="block text-red-800">{row.original.error}</span> : null}
            {!row.original.reason && !row.original.error ? "—" : null}
          </span>
        ),
      }),
    ],
    [open],
  );

  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.seq });

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <PanelError error={query.error} title="The audit log could not be read" />
      <div className="overflow-x-auto">
        <table className="w-full text-sm" aria-label="Audit events">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => (
                  <th key={h.id} scope="col" className="px-3 py-2 font-medium">
                    {flexRender(h.column.columnDef.header, h.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <Fragment key={row.id}>
                <tr data-testid="audit-row" className="align-top hover:bg-slate-50">
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="px-3 py-2">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
                {open === row.original.seq ? (
                  <tr className="bg-slate-50">
                    <td colSpan={columns.length} className="px-10 py-3 text-xs">
                      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1">
                        <dt className="text-slate-500">Event</dt>
                        <dd>#{row.original.seq}</dd>
                        <dt className="text-slate-500">Action id</dt>
                        <dd>
                          <button type="button" className="font-mono text-sky-700 underline" onClick={() => onShowAction(row.original.actionId)}>
                            {row.original.actionId}
                          </button>{" "}
                          <span className="text-slate-500">(show intent and outcome)</span>
                        </dd>
                        <dt className="text-slate-500">Input</dt>
                        <dd>
                          <pre className="overflow-x-auto rounded bg-white p-2 ring-1 ring-slate-200">
                            {row.original.input === null ? "—" : JSON.stringify(row.original.input, null, 2)}
                          </pre>
                        </dd>
                        {row.original.result !== null && row.original.result !== undefined ? (
                          <>
                            <dt className="text-slate-500">Result</dt>
                            <dd>
                              <ResultSummary result={row.original.result} />
                            </dd>
                          </>
                        ) : null}
                        <dt className="text-slate-500">Hash</dt>
                        <dd className="break-all font-mono">{row.original.hash}</dd>
                      </dl>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
            {query.isPending ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-500">
                  Loading events…
                </td>
              </tr>
            ) : rows.length === 0 && !query.error ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-6 text-center text-slate-500">
                  No events match these filters.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <footer className="flex items-center gap-3 border-t border-slate-200 px-3 py-2 text-sm text-slate-600">
        <span>
          {rows.length} event{rows.length === 1 ? "" : "s"} shown{query.hasNextPage ? ", more available" : ""}
        </span>
        {query.hasNextPage ? (
          <Button size="sm" className="ml-auto" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load older events"}
          </Button>
        ) : null}
      </footer>
    </div>
  );
}
