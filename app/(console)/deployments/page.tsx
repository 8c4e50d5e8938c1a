import type { Metadata } from "next";
import { DeploymentsView } from "@/components/deployments/deployments-view";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Deployments" };

export default function DeploymentsPage() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Deployments</h1>
        <p className="text-sm text-slate-600">Runbook 3.1: an sre requests, a lead who is not the requester approves what will change.</p>
      </div>
      <DeploymentsView environments={Object.keys(env().DEPLOY_ENVIRONMENTS)} services={Object.keys(env().SERVICE_MAP)} />
    </div>
  );
}
