import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { env } from "@/lib/env";
import { listWorkloads } from "@/lib/ops/kube/list-workloads";

export const dynamic = "force-dynamic";

const query = z.object({ namespace: z.string().max(63) }).strict();

// GET /api/cluster/workloads?namespace= – deployments and daemonsets with their rollout state
export const GET = withRoute(
  async ({ req }) => {
    const { namespace } = parseQuery(req, query);
    if (!env().CLUSTER_NAMESPACES.includes(namespace)) throw new AppError("NOT_FOUND", `Namespace ${namespace} is not one the console shows (CLUSTER_NAMESPACES).`);
    return { namespace, workloads: await listWorkloads({ namespace }) };
  },
  { permission: "cluster.read" },
);
