import type { Metadata } from "next";
import { DeploymentDetail } from "@/components/deployments/deployment-detail";
import { kube } from "@/lib/ops/kube/client";

export const metadata: Metadata = { title: "Deployment" };

export default async function DeploymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The current images come from the cluster when the console shows the environment's namespace.
  return <DeploymentDetail id={id} clusterShown={!!kube()} />;
}
