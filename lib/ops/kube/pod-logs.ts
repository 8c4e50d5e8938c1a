import "server-only";
import { PassThrough } from "node:stream";
import { Log } from "@kubernetes/client-node";
import { kubeCall, requireKube, toKubeError } from "./client";
import { listPods } from "./list-workloads";

export type LogQuery = { namespace: string; pod: string; container?: string; tailLines: number; previous?: boolean };

/** `kubectl logs POD [-c C] --tail=N [-p]`. */
export async function readPodLog(q: LogQuery): Promise<string> {
  const { core } = requireKube();
  return kubeCall(`logs of ${q.pod}`, () =>
    core.readNamespacedPodLog({ name: q.pod, namespace: q.namespace, container: q.container, tailLines: q.tailLines, previous: q.previous || undefined }),
  );
}

/** `kubectl logs -f`: a byte stream that ends when the pod goes or the caller aborts. */
export async function followPodLog(q: LogQuery, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const { kc, core } = requireKube();
  // Resolve the container first, so a bad pod or container is a typed error, not a broken stream.
  const pod = await kubeCall(`read pod ${q.pod}`, () => core.readNamespacedPod({ name: q.pod, namespace: q.namespace }));
  const container = q.container ?? pod.spec?.containers[0]?.name ?? "";
  const out = new PassThrough();
  let abort: AbortController | undefined;
  try {
    abort = await new Log(kc).log(q.namespace, q.pod, container, out, { follow: true, tailLines: q.tailLines });
  } catch (err) {
    throw toKubeError(`follow logs of ${q.pod}`, err);
  }
  signal.addEventListener("abort", () => {
    abort?.abort();
    out.end();
  });
  return new ReadableStream<Uint8Array>({
    start(controller) {
      out.on("data", (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
      out.on("end", () => controller.close());
      out.on("error", (e) => controller.error(e));
    },
    cancel() {
      abort?.abort();
      out.end();
    },
  });
}

export const ERROR_PATTERN = /ERROR|FATAL|PANIC/;

/** Runbook 1.2: every pod's last N lines, grepped for ERROR|FATAL|PANIC, with a count per pod. */
export async function scanPodLogs(options: { namespace: string; tailLines: number }) {
  const pods = await listPods({ namespace: options.namespace });
  return Promise.all(
    pods.map(async (p) => {
      try {
        const text = await readPodLog({ namespace: options.namespace, pod: p.name, tailLines: options.tailLines });
        const matches = text.split("\n").filter((l) => ERROR_PATTERN.test(l));
        return { pod: p.name, status: p.status, count: matches.length, lines: matches.slice(-20), error: null };
      } catch (err) {
        return { pod: p.name, status: p.status, count: 0, lines: [], error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}
