import { z } from "zod";
import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { shownNamespace } from "@/lib/ops/kube/shown-namespace";
import { listEvents } from "@/lib/ops/kube/list-events";

export const dynamic = "force-dynamic";

const query = z.object({ namespace: z.string().max(63), limit: z.coerce.number().int().min(1).max(200).default(20) }).strict();

// GET /api/cluster/events?namespace= – recent events, newest first
export const GET = withRoute(
  async ({ req }) => {
    const { namespace, limit } = parseQuery(req, query);
    shownNamespace(namespace);
    return { namespace, events: await listEvents({ namespace, limit }) };
  },
  { permission: "cluster.read" },
);
