import { z } from "zod";
import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { shownNamespace } from "@/lib/ops/kube/shown-namespace";
import { scanPodLogs } from "@/lib/ops/kube/pod-logs";

export const dynamic = "force-dynamic";

const query = z.object({ namespace: z.string().max(63), tail: z.coerce.number().int().min(1).max(1000).default(50) }).strict();

// GET /api/cluster/logs/scan?namespace= – runbook 1.2: ERROR|FATAL|PANIC in every pod's last lines
export const GET = withRoute(
  async ({ req }) => {
    const { namespace, tail } = parseQuery(req, query);
    shownNamespace(namespace);
    return { namespace, tail, pods: await scanPodLogs({ namespace, tailLines: tail }) };
  },
  { permission: "cluster.read" },
);
