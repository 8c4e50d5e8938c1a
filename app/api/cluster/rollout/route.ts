import { z } from "zod";
import { parseQuery } from "@/lib/api/parse-query";
import { problemOf, sseResponse } from "@/lib/api/sse";
import { withRoute } from "@/lib/api/with-route";
import { type RolloutStatus, getRolloutStatus, watchRollout } from "@/lib/ops/kube/rollout-status";
import { shownNamespace } from "@/lib/ops/kube/shown-namespace";

export const dynamic = "force-dynamic";

const query = z
  .object({
    namespace: z.string().max(63),
    kind: z.enum(["Deployment", "DaemonSet"]),
    name: z.string().min(1).max(253),
    stream: z.enum(["true", "false"]).optional(),
  })
  .strict();

// GET /api/cluster/rollout?namespace=&kind=&name=[&stream=true] – kubectl rollout status:
// one reading as JSON, or (stream=true) server-sent events, one `status` per change, from a watch.
export const GET = withRoute(
  async ({ req }) => {
    const q = parseQuery(req, query);
    shownNamespace(q.namespace);
    const target = { namespace: q.namespace, kind: q.kind, name: q.name };
    if (q.stream !== "true") return { status: await getRolloutStatus(target) };

    // A first reading before the stream opens, so a missing workload is a plain 404, not a broken stream.
    await getRolloutStatus(target);
    return sseResponse(req.signal, (send, signal) =>
      watchRollout(target, signal, (s: RolloutStatus) => send("status", s), (err) => send("problem", problemOf(err))),
    );
  },
  { permission: "cluster.read" },
);
