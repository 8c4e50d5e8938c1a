import { z } from "zod";
import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { shownNamespace } from "@/lib/ops/kube/shown-namespace";
import { followPodLog, readPodLog } from "@/lib/ops/kube/pod-logs";
import { kubeName } from "@/lib/api/params";

const params = z.object({ name: kubeName });

export const dynamic = "force-dynamic";

const query = z
  .object({
    namespace: z.string().max(63),
    container: z.string().max(63).optional(),
    tail: z.coerce.number().int().min(1).max(5000).default(100),
    previous: z.enum(["true", "false"]).optional(),
    follow: z.enum(["true", "false"]).optional(),
    download: z.enum(["true", "false"]).optional(),
  })
  .strict();

// GET /api/cluster/pods/:name/logs – kubectl logs [--tail] [-p] [-f] as text (streamed when following)
export const GET = withRoute<{ name: string }>(
  async ({ req, params }) => {
    const q = parseQuery(req, query);
    shownNamespace(q.namespace);
    const spec = { namespace: q.namespace, pod: params.name, container: q.container, tailLines: q.tail, previous: q.previous === "true" };
    const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
    if (q.download === "true") headers["content-disposition"] = `attachment; filename="${params.name}${spec.previous ? "-previous" : ""}.log"`;
    if (q.follow === "true" && !spec.previous) {
      return new Response(await followPodLog(spec, req.signal), { headers: { ...headers, "x-accel-buffering": "no" } });
    }
    return new Response(await readPodLog(spec), { headers });
  },
  { permission: "cluster.read", params },
);
