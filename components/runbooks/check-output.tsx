"use client";
import { clsx } from "clsx";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { CheckOutput } from "@/lib/runbooks/checks";

const ERROR_LINE = /ERROR|FATAL|PANIC/;

function Table({ label, head, rows }: { label: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-xs" aria-label={label}>
        <thead className="bg-slate-50 text-left uppercase tracking-wide text-slate-500">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-2 py-1">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j} className="px-2 py-1 align-top">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LogLines({ lines }: { lines: string[] }) {
  return (
    <pre className="max-h-64 overflow-auto rounded bg-slate-950 p-2 text-[11px] leading-relaxed text-slate-200">
      {lines.map((l, i) => (
        <div key={i} className={clsx(ERROR_LINE.test(l) && "text-red-300")}>
          {l}
        </div>
      ))}
    </pre>
  );
}

/** label → value as horizontal bars: which application holds the connections, which error dominates. */
function Bars({ title, items }: { title: string; items: { label: string; value: number }[] }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <figure className="space-y-1" aria-label={title}>
      <figcaption className="text-xs font-medium text-slate-600">{title}</figcaption>
      {items.map((i) => (
        <div key={i.label} className="flex items-center gap-2 text-xs" data-testid="bar">
          <span className="w-72 shrink-0 truncate font-mono" title={i.label}>
            {i.label}
          </span>
          <div className="h-3 flex-1 rounded bg-slate-100">
            <div className="h-full rounded bg-sky-500" style={{ width: `${(i.value / max) * 100}%` }} />
          </div>
          <span className="w-10 text-right tabular-nums">{i.value}</span>
        </div>
      ))}
    </figure>
  );
}

/** One series over time as a line, with the alert threshold dashed: ratio 0..1 (memory / limit). */
function Sparkline({ label, points, threshold }: { label: string; points: [number, number][]; threshold: number }) {
  const W = 320;
  const H = 48;
  if (!points.length) return null;
  const t0 = points[0]![0];
  const t1 = Math.max(points.at(-1)![0], t0 + 1);
  const x = (t: number) => ((t - t0) / (t1 - t0)) * W;
  const y = (v: number) => H - Math.min(1, Math.max(0, v)) * H;
  const last = points.at(-1)![1];
  const peak = Math.max(...points.map(([, v]) => v));
  return (
    <div className="flex items-center gap-3 text-xs" data-testid="series">
      <span className="w-64 shrink-0 truncate font-mono" title={label}>
        {label}
      </span>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${label}: now ${Math.round(last * 100)}%, peak ${Math.round(peak * 100)}%`} className="rounded bg-slate-50">
        <line x1={0} x2={W} y1={y(threshold)} y2={y(threshold)} stroke="#dc2626" strokeDasharray="4 3" strokeWidth={1} />
        <polyline fill="none" stroke={peak > threshold ? "#dc2626" : "#0284c7"} strokeWidth={1.5} points={points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(" ")} />
      </svg>
      <span className="tabular-nums">
        now {Math.round(last * 100)}% · peak <span className={peak > threshold ? "font-semibold text-red-800" : undefined}>{Math.round(peak * 100)}%</span>
      </span>
    </div>
  );
}

/** A check's output, drawn for people: tables, logs, the probe's answer. */
export function CheckOutputView({ output }: { output: CheckOutput }) {
  switch (output.kind) {
    case "probe":
      return output.probe ? (
        <div className="space-y-1 text-xs">
          <p className="font-mono">
            GET {output.probe.url} → <strong>HTTP {output.probe.status} {output.probe.statusText}</strong> in {output.probe.durationMs} ms
          </p>
          <details>
            <summary className="cursor-pointer text-slate-600">Response headers ({output.probe.headers.length})</summary>
            <pre className="mt-1 rounded bg-slate-50 p-2">{output.probe.headers.map(([k, v]) => `< ${k}: ${v}`).join("\n")}</pre>
          </details>
          <pre className="rounded bg-slate-50 p-2">{output.probe.body || "(empty body)"}</pre>
        </div>
      ) : (
        <p className="font-mono text-xs text-red-800">{output.error}</p>
      );
    case "pods":
      return (
        <Table
          label="Pods"
          head={["Pod", "Status", "Ready", "Restarts", "CPU", "Memory", "Node", "Age"]}
          rows={output.pods.map((p) => [
            <span key="n" className="font-mono">{p.name}</span>,
            <Badge key="s" tone={p.status === "Running" ? "ok" : /BackOff|Err|OOM|Failed/.test(p.status) ? "down" : "warn"}>{p.status}</Badge>,
            p.ready,
            p.restarts,
            p.cpuMillis === null ? "—" : `${p.cpuMillis}m`,
            p.memoryMiB === null ? "—" : `${p.memoryMiB}Mi`,
            p.node ?? "—",
            p.createdAt ? <RelativeTime key="a" iso={p.createdAt} age /> : "—",
          ])}
        />
      );
    case "logs":
      // One fold per pod; the ones with errors (or a lone pod) open.
      return (
        <div className="space-y-1">
          {output.pods.map((p) => {
            const errors = p.lines.filter((l) => ERROR_LINE.test(l)).length;
            return (
              <details key={p.pod} open={errors > 0 || output.pods.length === 1}>
                <summary className="cursor-pointer text-xs font-medium">
                  <span className="font-mono">{p.pod}</span> ·{" "}
                  {p.error ? <span className="text-red-800">{p.error}</span> : `${p.lines.length} lines`}
                  {errors ? <span className="font-semibold text-red-800"> · {errors} ERROR/FATAL/PANIC</span> : null}
                </summary>
                {p.lines.length ? <LogLines lines={p.lines} /> : null}
              </details>
            );
          })}
        </div>
      );
    case "revisions":
      return (
        <Table
          label="Revisions"
          head={["Rev", "Image", "Created", "Change cause"]}
          rows={output.revisions.map((r) => [
            <span key="r" className="font-semibold">{r.revision} {r.current ? <Badge tone="info">current</Badge> : null}</span>,
            <span key="i" className="font-mono">{r.images.join(", ")}</span>,
            r.createdAt ? <RelativeTime key="c" iso={r.createdAt} /> : "—",
            r.changeCause ?? "—",
          ])}
        />
      );
    case "workloads":
      return (
        <Table
          label="Workloads"
          head={["Name", "Kind", "State", "Ready", "Image"]}
          rows={output.workloads.map((w) => [w.name, w.kind, <Badge key="s" tone={w.state === "healthy" ? "ok" : "warn"}>{w.state}</Badge>, `${w.ready}/${w.desired}`, <span key="i" className="font-mono">{w.images.join(", ")}</span>])}
        />
      );
    case "events":
      return (
        <Table
          label="Events"
          head={["Last seen", "Type", "Reason", "Object", "Message"]}
          rows={output.events.map((e) => [e.lastSeen ? <RelativeTime key="t" iso={e.lastSeen} /> : "—", e.type, e.reason, <span key="o" className="font-mono">{e.object}</span>, e.message])}
        />
      );
    case "scan":
      return (
        <Table
          label="Errors per pod"
          head={["Pod", "Status", "ERROR/FATAL/PANIC lines", "Last"]}
          rows={output.results.map((r) => [
            <span key="p" className="font-mono">{r.pod}</span>,
            r.status,
            <span key="c" className={clsx(r.count && "font-semibold text-red-800")}>{r.count}</span>,
            r.error ?? <span key="l" className="font-mono">{r.lines.at(-1) ?? ""}</span>,
          ])}
        />
      );
    case "nodes":
      return (
        <Table
          label="Nodes"
          head={["Node", "Ready", "Schedulable", "Pods", "CPU requested (used) / allocatable", "Memory requested (used) / allocatable"]}
          rows={output.nodes.map((n) => [
            n.name,
            <Badge key="r" tone={n.ready ? "ok" : "down"}>{n.ready ? "Ready" : (n.readyReason ?? "NotReady")}</Badge>,
            n.schedulable ? "yes" : "cordoned",
            n.pods,
            `${n.cpu.requestedMillis}m (${n.cpu.usedMillis ?? "?"}m) / ${n.cpu.allocatableMillis}m — ${Math.round((n.cpu.requestedMillis / Math.max(1, n.cpu.allocatableMillis)) * 100)}%`,
            `${n.memory.requestedMiB}Mi (${n.memory.usedMiB ?? "?"}Mi) / ${n.memory.allocatableMiB}Mi — ${Math.round((n.memory.requestedMiB / Math.max(1, n.memory.allocatableMiB)) * 100)}%`,
          ])}
        />
      );
    case "rows":
      return (
        <div className="space-y-2">
          {output.chart && output.rows.length ? (
            <Bars title={output.chart.title} items={output.rows.map((r) => ({ label: String(r[output.chart!.labelColumn] ?? "(none)") || "(empty)", value: Number(r[output.chart!.valueColumn] ?? 0) }))} />
          ) : null}
          {output.rows.length ? (
            <Table label="Query result" head={output.columns} rows={output.rows.map((r) => r.map((c, j) => <span key={j} className={typeof c === "number" ? "tabular-nums" : undefined}>{c === null ? "∅" : String(c)}</span>))} />
          ) : (
            <p className="text-xs text-slate-600">No rows.</p>
          )}
        </div>
      );
    case "access":
      return (
        <p className="text-sm">
          <Badge tone={output.allowed ? "ok" : "down"}>{output.allowed ? "yes" : "no"}</Badge> <span className="font-mono text-xs">{output.question}</span>
          {output.reason ? <span className="block text-xs text-slate-600">{output.reason}</span> : null}
        </p>
      );
    case "quotas":
      return (
        <div className="space-y-1.5">
          {output.quotas.map((q) => {
            const pct = Math.round((q.fraction ?? 0) * 100);
            return (
              <div key={`${q.quota}/${q.resource}`} className="flex items-center gap-2 text-xs" data-testid="quota">
                <span className="w-40 shrink-0 font-mono">{q.resource}</span>
                <div className="h-3 flex-1 rounded bg-slate-100" role="meter" aria-label={q.resource} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
                  <div className={clsx("h-full rounded", pct >= 90 ? "bg-red-500" : pct >= 70 ? "bg-amber-400" : "bg-emerald-500")} style={{ width: `${Math.min(100, pct)}%` }} />
                </div>
                <span className="w-36 text-right tabular-nums">
                  {q.used} / {q.hard} ({pct}%)
                </span>
              </div>
            );
          })}
        </div>
      );
    case "series":
      return (
        <figure className="space-y-1" aria-label={output.title}>
          <figcaption className="text-xs font-medium text-slate-600">
            {output.title} (dashed: the alert&apos;s {Math.round(output.threshold * 100)}%)
          </figcaption>
          {output.series.map((sr) => (
            <Sparkline key={JSON.stringify(sr.labels)} label={Object.values(sr.labels).join(" on ")} points={sr.points} threshold={output.threshold} />
          ))}
          {output.series.length === 0 ? <p className="text-xs text-slate-600">No data in this window.</p> : null}
        </figure>
      );
    case "sql":
      return <p className={clsx("font-mono text-xs", output.ok ? "text-emerald-800" : "text-red-800")}>{output.detail}</p>;
    case "health":
      return (
        <Table
          label="Health checks"
          head={["Check", "Status", "Detail"]}
          rows={output.report.checks.map((c) => [c.name, <Badge key="s" tone={c.status === "ok" ? "ok" : c.status === "down" ? "down" : "neutral"}>{c.status.replace("_", " ")}</Badge>, c.error ?? c.detail ?? ""])}
        />
      );
  }
}
