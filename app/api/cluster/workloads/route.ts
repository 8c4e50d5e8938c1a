import { z } from "zod";
import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { shownNamespace } from "@/lib/ops/kube/shown-namespace";
import { listWorkloads } from "@/lib/ops/kube/list-workloads";

export const dynamic = "force-dynamic";

const query = z.object({ namespace: z.string().max(63) }).strict();

// GET /api/cluster/workloads?namespace= – deployments and daemonsets with their rollout state
export const GET = withRoute(
  async ({ req }) => {
    const { namespace } = parseQuery(req, query);
    shownNamespace(namespace);
    return { namespace, workloads: await listWorkloads({ namespace }) };
  },
  { permission: "cluster.read" },
);
