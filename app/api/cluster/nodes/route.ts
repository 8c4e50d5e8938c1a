import { withRoute } from "@/lib/api/with-route";
import { listNodes } from "@/lib/ops/kube/list-nodes";

export const dynamic = "force-dynamic";

// GET /api/cluster/nodes – readiness, cordons, and usage against allocatable (get nodes + top nodes)
export const GET = withRoute(async () => ({ nodes: await listNodes() }), { permission: "cluster.read" });
