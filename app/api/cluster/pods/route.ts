import { z } from "zod";
import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { shownNamespace } from "@/lib/ops/kube/shown-namespace";
import { listPods } from "@/lib/ops/kube/list-workloads";

export const dynamic = "force-dynamic";

const query = z.object({ namespace: z.string().max(63), labelSelector: z.string().max(500).optional() }).strict();

// GET /api/cluster/pods?namespace=&labelSelector= – kubectl get pods -n NS -l SELECTOR
export const GET = withRoute(
  async ({ req }) => {
    const { namespace, labelSelector } = parseQuery(req, query);
    shownNamespace(namespace);
    return { namespace, pods: await listPods({ namespace, labelSelector }) };
  },
  { permission: "cluster.read" },
);
