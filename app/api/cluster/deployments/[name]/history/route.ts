import { z } from "zod";
import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { shownNamespace } from "@/lib/ops/kube/shown-namespace";
import { rolloutHistory } from "@/lib/ops/kube/rollout-history";
import { kubeName } from "@/lib/api/params";

const params = z.object({ name: kubeName });

export const dynamic = "force-dynamic";

const query = z.object({ namespace: z.string().max(63) }).strict();

// GET /api/cluster/deployments/:name/history?namespace= – kubectl rollout history, with images and times
export const GET = withRoute<{ name: string }>(
  async ({ req, params }) => {
    const { namespace } = parseQuery(req, query);
    shownNamespace(namespace);
    return { namespace, name: params.name, revisions: await rolloutHistory({ namespace, name: params.name }) };
  },
  { permission: "cluster.read", params },
);
