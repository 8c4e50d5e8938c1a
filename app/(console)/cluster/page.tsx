import type { Metadata } from "next";
import { ClusterView } from "@/components/cluster/cluster-view";
import { env } from "@/lib/env";
import { kube } from "@/lib/ops/kube/client";

export const metadata: Metadata = { title: "Cluster" };

export default function ClusterPage() {
  const k = kube();
  if (!k) {
    return (
      <div role="status" className="rounded-lg border border-slate-200 bg-white p-5">
        <h1 className="font-semibold">No cluster configured</h1>
        <p className="text-sm text-slate-600">
          Set <code className="rounded bg-slate-100 px-1">KUBECONFIG</code>, or run <code className="rounded bg-slate-100 px-1">npm run dev</code>, which
          starts the sandbox cluster.
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Cluster</h1>
        <p className="text-sm text-slate-600">
          Workloads and pods, live (runbooks 1.2 and 2.1). Cluster: {k.source}.
        </p>
      </div>
      <ClusterView namespaces={env().CLUSTER_NAMESPACES} />
    </div>
  );
}
