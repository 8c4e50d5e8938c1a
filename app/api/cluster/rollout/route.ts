import { z } from "zod";
import { parseQuery } from "@/lib/api/parse-query";
import { errorEnvelope, withRoute } from "@/lib/api/with-route";
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

/** Comment lines keep proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

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
    const encoder = new TextEncoder();
    const abort = new AbortController();
    req.signal.addEventListener("abort", () => abort.abort(), { once: true });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: string, data: unknown) => {
          if (!abort.signal.aborted) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        };
        const keepalive = setInterval(() => !abort.signal.aborted && controller.enqueue(encoder.encode(": keep-alive\n\n")), KEEPALIVE_MS);
        abort.signal.addEventListener("abort", () => {
          clearInterval(keepalive);
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        });
        void watchRollout(
          target,
          abort.signal,
          (s: RolloutStatus) => send("status", s),
          (err) => send("problem", errorEnvelope(err).envelope.error),
        ).catch((err) => {
          send("problem", errorEnvelope(err).envelope.error);
          abort.abort();
        });
      },
      cancel() {
        abort.abort();
      },
    });
    return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
  },
  { permission: "cluster.read" },
);
