import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { env } from "@/lib/env";
import { rolloutHistory } from "@/lib/ops/kube/rollout-history";

export const dynamic = "force-dynamic";

const query = z.object({ namespace: z.string().max(63) }).strict();

// GET /api/cluster/deployments/:name/history?namespace= – kubectl rollout history, with images and times
export const GET = withRoute<{ name: string }>(
  async ({ req, params }) => {
    const { namespace } = parseQuery(req, query);
    if (!env().CLUSTER_NAMESPACES.includes(namespace)) throw new AppError("NOT_FOUND", `Namespace ${namespace} is not one the console shows (CLUSTER_NAMESPACES).`);
    return { namespace, name: params.name, revisions: await rolloutHistory({ namespace, name: params.name }) };
  },
  { permission: "cluster.read" },
);
