"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActor } from "@/components/shell/actor-context";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/error-note";
import { Field, inputClass } from "@/components/ui/field";
import { EmptyRow, PanelError, TableHead } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { denialReason } from "@/lib/auth/policy";
import type { DeploymentView } from "@/lib/deployments/requests";
import { ApiError, fetcher } from "@/lib/queries/fetcher";
import { deploymentKeys, useDeployments } from "@/lib/queries/use-deployments";
import { ApprovalBadge } from "./approval-badge";
import { HotfixBadge } from "./hotfix";
import { DeploymentStatusBadge } from "./status-badge";

/** Runbook 3.1's request: version, environment, services, why. */
export type Prefill = { runId: string; kind: "standard" | "hotfix"; version: string };

function RequestForm({ environments, services, prefill }: { environments: string[]; services: string[]; prefill?: Prefill }) {
  const actor = useActor();
  const client = useQueryClient();
  const router = useRouter();
  const [form, setForm] = useState({
    kind: prefill?.kind ?? ("standard" as "standard" | "hotfix"),
    version: prefill?.version ?? "",
    environment: (prefill?.kind === "hotfix" ? environments.find((e) => e === "production") : undefined) ?? environments[0] ?? "",
    services: prefill?.kind === "hotfix" ? services.slice(0, 1) : [...services],
    description: "",
    ciUrl: "",
  });
  const hotfix = form.kind === "hotfix";
  const request = useMutation({
    mutationFn: () =>
      fetcher<{ deployment: DeploymentView }>("/api/deployments", {
        method: "POST",
        body: {
          ...(hotfix ? { kind: "hotfix", version: form.version, environment: form.environment, services: form.services, description: form.description } : { ...form, kind: undefined, ciUrl: form.ciUrl.trim() || undefined }),
          ...(prefill ? { runId: prefill.runId } : {}),
        },
      }),
    onSuccess: (res) => {
      // From a run, on to the request's page (the run's checklist follows it from there).
      if (prefill) router.push(`/deployments/${res.deployment.id}`);
      setForm((f) => ({ ...f, version: "", description: "", ciUrl: "" }));
    },
    onSettled: () => client.invalidateQueries({ queryKey: deploymentKeys.all() }),
  });
  const issue = (field: string) => (request.error instanceof ApiError ? request.error.envelope.issues?.find((i) => i.path === `input.${field}`)?.message : undefined);
  const denied = denialReason(actor.role, "deploy.request");
  return (
    <form
      aria-label="Request a deployment"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-4"
      onSubmit={(e) => {
        e.preventDefault();
        request.mutate();
      }}
    >
      <div className="flex flex-wrap items-center gap-4 md:col-span-4">
        <h2 className="font-semibold">Request a deployment</h2>
        <div role="radiogroup" aria-label="Kind" className="flex gap-3 text-sm">
          <label className="flex items-center gap-1.5">
            <input type="radio" name="dep-kind" checked={!hotfix} onChange={() => setForm({ ...form, kind: "standard", services: [...services] })} /> Standard (runbook 3.1)
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="dep-kind" checked={hotfix} onChange={() => setForm({ ...form, kind: "hotfix", services: services.slice(0, 1) })} /> Emergency hotfix (runbook 3.2)
          </label>
        </div>
        {hotfix ? <span className="text-xs text-red-800">Skips the normal approval: an admin must authorise it, with your justification.</span> : null}
        {prefill ? (
          <span className="text-xs text-slate-600" data-testid="for-run">
            For the run{" "}
            <Link className="text-sky-800 underline" href={`/runs/${prefill.runId}`}>
              {prefill.kind === "hotfix" ? "3.2 Emergency Hotfix" : "3.1 Standard Deployment"}
            </Link>
          </span>
        ) : null}
      </div>
      <Field id="dep-version" label="Version (image tag)" error={issue("version")}>
        <input id="dep-version" className={`${inputClass} font-mono`} placeholder="v2.4.0" value={form.version} onChange={(e) => setForm({ ...form, version: e.target.value })} />
      </Field>
      <Field id="dep-env" label="Environment" error={issue("environment")}>
        <select id="dep-env" className={inputClass} value={form.environment} onChange={(e) => setForm({ ...form, environment: e.target.value })}>
          {environments.map((e) => (
            <option key={e}>{e}</option>
          ))}
        </select>
      </Field>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Services</legend>
        <div className="flex flex-wrap gap-3 pt-1.5 text-sm">
          {services.map((s) => (
            <label key={s} className="flex items-center gap-1.5">
              <input
                type={hotfix ? "radio" : "checkbox"}
                name="dep-services"
                checked={form.services.includes(s)}
                onChange={(e) => setForm({ ...form, services: hotfix ? [s] : e.target.checked ? [...form.services, s] : form.services.filter((x) => x !== s) })}
              />
              {s}
            </label>
          ))}
        </div>
      </fieldset>
      {hotfix ? (
        <p className="self-end text-xs text-slate-600">No CI run: a hotfix is tested locally (runbook 3.2).</p>
      ) : (
        <Field id="dep-ci" label="CI run URL (attestation: tests passing)" error={issue("ciUrl")}>
          <input id="dep-ci" className={inputClass} placeholder="https://ci.example/runs/123" value={form.ciUrl} onChange={(e) => setForm({ ...form, ciUrl: e.target.value })} />
        </Field>
      )}
      <div className="md:col-span-3">
        <Field id="dep-desc" label={hotfix ? "Justification" : "Description"} error={issue("description")}>
          <input id="dep-desc" className={inputClass} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
        </Field>
      </div>
      <div className="flex items-end justify-end">
        <Button type="submit" variant="primary" disabledReason={denied} disabled={request.isPending || !form.version || !form.services.length}>
          {hotfix ? "Request hotfix" : "Request deployment"}
        </Button>
      </div>
      <div className="md:col-span-4">
        <ErrorNote error={request.error && !["version", "environment", "ciUrl", "description"].some(issue) ? request.error : null} title="The request was refused" />
      </div>
    </form>
  );
}

/** Pending approvals first, then the history: who asked for what, and where it stands. */
export function DeploymentsView({ environments, services, prefill }: { environments: string[]; services: string[]; prefill?: Prefill }) {
  const list = useDeployments();
  const [filter, setFilter] = useState({ environment: "", status: "" });
  const all = list.data?.deployments ?? [];
  // Executing ones first (they are what is happening now), then the newest.
  const rows = all
    .filter((d) => (!filter.environment || d.environment === filter.environment) && (!filter.status || d.status === filter.status))
    .sort((a, b) => Number(b.status === "executing") - Number(a.status === "executing"));
  return (
    <div className="space-y-4">
      {all
        .filter((d) => d.reminder?.open)
        .map((d) => (
          <p key={d.id} role="alert" data-testid="hotfix-reminder" className="rounded-lg border border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900">
            Hotfix{" "}
            <Link href={`/deployments/${d.id}`} className="font-mono underline">
              {d.version}
            </Link>{" "}
            is live in {d.environment} outside the normal process: create a proper PR for main (open until a standard deployment of {d.services.map((s) => s.service).join(", ")} supersedes it).
          </p>
        ))}
      <RequestForm environments={environments} services={services} prefill={prefill} />
      <section aria-labelledby="dep-list" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3">
          <h2 id="dep-list" className="font-semibold">
            Requests and history
          </h2>
          <label className="ml-auto flex items-center gap-1.5 text-sm text-slate-600">
            Environment
            <select aria-label="Filter by environment" className={`${inputClass} w-auto py-1`} value={filter.environment} onChange={(e) => setFilter({ ...filter, environment: e.target.value })}>
              <option value="">all</option>
              {environments.map((e) => (
                <option key={e}>{e}</option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1.5 text-sm text-slate-600">
            Status
            <select aria-label="Filter by status" className={`${inputClass} w-auto py-1`} value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
              <option value="">all</option>
              {["open", "executing", "succeeded", "rolled_back", "failed", "interrupted"].map((s) => (
                <option key={s} value={s}>
                  {s === "open" ? "not started" : s.replace("_", " ")}
                </option>
              ))}
            </select>
          </label>
        </div>
        <PanelError error={list.error} title="Deployments could not be listed" />
        <table className="w-full text-sm" aria-label="Deployment requests">
          <TableHead columns={[{ label: "Version" }, { label: "Environment" }, { label: "Services" }, { label: "Approval" }, { label: "Status" }, { label: "Requested" }]} />
          <tbody className="divide-y divide-slate-100">
            {rows.map((d) => (
              <tr key={d.id} data-testid="deployment-row">
                <td className="px-4 py-2 font-mono">
                  <span className="flex items-center gap-2">
                    <Link href={`/deployments/${d.id}`} className="text-sky-800 hover:underline">
                      {d.version}
                    </Link>
                    {d.kind === "hotfix" ? <HotfixBadge /> : null}
                  </span>
                </td>
                <td className="px-4 py-2">{d.environment}</td>
                <td className="px-4 py-2">{d.services.map((s) => s.service).join(", ")}</td>
                <td className="px-4 py-2">
                  <ApprovalBadge d={d} />
                </td>
                <td className="px-4 py-2" title={d.outcome ?? undefined}>
                  <DeploymentStatusBadge status={d.status} />
                </td>
                <td className="px-4 py-2 text-slate-600">
                  {d.requestedBy} <RelativeTime iso={d.requestedAt} />
                </td>
              </tr>
            ))}
            {list.data && rows.length === 0 ? <EmptyRow colSpan={6}>{all.length ? "No deployment matches these filters." : "No deployment requests yet."}</EmptyRow> : null}
          </tbody>
        </table>
      </section>
    </div>
  );
}
