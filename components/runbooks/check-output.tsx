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
          head={["Node", "Ready", "Schedulable", "Pods", "CPU used / allocatable", "Memory used / allocatable"]}
          rows={output.nodes.map((n) => [
            n.name,
            <Badge key="r" tone={n.ready ? "ok" : "down"}>{n.ready ? "Ready" : (n.readyReason ?? "NotReady")}</Badge>,
            n.schedulable ? "yes" : "cordoned",
            n.pods,
            `${n.cpu.usedMillis ?? "?"}m / ${n.cpu.allocatableMillis}m`,
            `${n.memory.usedMiB ?? "?"}Mi / ${n.memory.allocatableMiB}Mi`,
          ])}
        />
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
