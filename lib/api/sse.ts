import "server-only";
import { errorEnvelope } from "./with-route";

/** Comment lines keep proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

export type SendEvent = (event: string, data: unknown) => void;

/**
 * A server-sent events response fed by `produce` until it settles or the client goes away.
 * A failure is sent as a `problem` event in the error envelope's shape, then the stream ends.
 */
export function sseResponse(clientSignal: AbortSignal, produce: (send: SendEvent, signal: AbortSignal) => Promise<unknown>): Response {
  const encoder = new TextEncoder();
  const abort = new AbortController();
  clientSignal.addEventListener("abort", () => abort.abort(), { once: true });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send: SendEvent = (event, data) => {
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
      void produce(send, abort.signal).catch((err) => {
        send("problem", problemOf(err));
        abort.abort();
      });
    },
    cancel() {
      abort.abort();
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
}

/** An error as a stream's `problem` event carries it: the envelope's `error`. */
export const problemOf = (err: unknown) => errorEnvelope(err).envelope.error;
