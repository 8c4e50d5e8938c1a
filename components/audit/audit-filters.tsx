"use client";
import { Download, Search, X } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { AuditFilter } from "@/lib/audit/query-events";
import { auditQueryString } from "@/lib/queries/use-audit";

const OUTCOMES = ["started", "ok", "failed", "denied", "unknown"] as const;

/** datetime-local (local time, no zone) ⇄ ISO instant. */
const toLocalInput = (iso?: string) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : undefined);

export function AuditFilters({
  filter,
  actions,
  onApply,
}: {
  filter: AuditFilter;
  actions: { id: string; title: string }[];
  onApply: (f: AuditFilter) => void;
}) {
  const [draft, setDraft] = useState({
    actor: filter.actor ?? "",
    action: filter.action ?? "",
    outcome: filter.outcome ?? "",
    from: toLocalInput(filter.from),
    to: toLocalInput(filter.to),
  });

  function apply(e?: FormEvent) {
    e?.preventDefault();
    onApply({
      actor: draft.actor.trim() || undefined,
      action: draft.action || undefined,
      outcome: (draft.outcome || undefined) as AuditFilter["outcome"],
      from: fromLocalInput(draft.from),
      to: fromLocalInput(draft.to),
      actionId: filter.actionId,
    });
  }

  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const query = auditQueryString(filter);

  return (
    <form onSubmit={apply} aria-label="Filter audit events" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <label className="text-xs font-medium text-slate-600">
        Actor
        <input className={`${inputClass} mt-1 w-52`} placeholder="email contains…" value={draft.actor} onChange={set("actor")} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        Action
        <select className={`${inputClass} mt-1 w-48`} value={draft.action} onChange={set("action")}>
          <option value="">any</option>
          {actions.map((a) => (
            <option key={a.id} value={a.id}>
              {a.id}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        Outcome
        <select className={`${inputClass} mt-1 w-32`} value={draft.outcome} onChange={set("outcome")}>
          <option value="">any</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        From
        <input type="datetime-local" className={`${inputClass} mt-1`} value={draft.from} onChange={set("from")} />
      </label>
      <label className="text-xs font-medium text-slate-600">
        To
        <input type="datetime-local" className={`${inputClass} mt-1`} value={draft.to} onChange={set("to")} />
      </label>
      <div className="flex gap-2">
        <Button type="submit" variant="primary">
          <Search className="size-4" aria-hidden /> Apply
        </Button>
        <Button
          onClick={() => {
            setDraft({ actor: "", action: "", outcome: "", from: "", to: "" });
            onApply({});
          }}
        >
          <X className="size-4" aria-hidden /> Clear
        </Button>
      </div>
      <div className="ml-auto flex gap-2">
        <a className="inline-flex h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-100" href={`/api/audit/export?${query ? `${query}&` : ""}format=csv`} download>
          <Download className="size-4" aria-hidden /> Export CSV
        </a>
        <a className="inline-flex h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-100" href={`/api/audit/export?${query ? `${query}&` : ""}format=json`} download>
          <Download className="size-4" aria-hidden /> Export JSON
        </a>
      </div>
    </form>
  );
}
