import type { Metadata } from "next";
import { DeploymentsView } from "@/components/deployments/deployments-view";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Deployments" };

type Search = { run?: string; kind?: string; version?: string };

export default async function DeploymentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const q = await searchParams;
  // From a run of runbook 3.1 or 3.2: the request form comes filled in and the request carries the run.
  const prefill = q.run && /^[0-9a-f-]{36}$/i.test(q.run) ? { runId: q.run, kind: q.kind === "hotfix" ? ("hotfix" as const) : ("standard" as const), version: q.version ?? "" } : undefined;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Deployments</h1>
        <p className="text-sm text-slate-600">
          Runbook 3.1: an sre requests, a lead who is not the requester approves what will change, the console rolls it out and rolls it back if it fails. Runbook 3.2: a
          hotfix, authorised by an admin.
        </p>
      </div>
      <DeploymentsView environments={Object.keys(env().DEPLOY_ENVIRONMENTS)} services={Object.keys(env().SERVICE_MAP)} prefill={prefill} />
    </div>
  );
}
