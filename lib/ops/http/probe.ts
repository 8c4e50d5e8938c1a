import "server-only";
import { withTimeout } from "../timeout";
import { dependencyFetch, shownUrl } from "@/lib/ops/http/credentials";

export type ProbeResult = {
  url: string;
  status: number;
  statusText: string;
  ok: boolean;
  durationMs: number;
  headers: [string, string][];
  /** The body, cut at 4 KiB. */
  body: string;
};

const BODY_LIMIT = 4096;

/** Runbook 2.1 step 1, `curl -v URL`: status line, headers, body and timing, whatever the status. */
export async function probeHttp(options: { url: string; timeoutMs: number; dependency: string }): Promise<ProbeResult> {
  const started = performance.now();
  return withTimeout(options.dependency, options.timeoutMs, async (signal) => {
    const res = await dependencyFetch(options.url, { signal, cache: "no-store", redirect: "manual" });
    const text = await res.text();
    return {
      url: shownUrl(options.url),
      status: res.status,
      statusText: res.statusText,
      ok: res.ok,
      durationMs: Math.round(performance.now() - started),
      headers: [...res.headers.entries()],
      body: text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}\n… (${text.length - BODY_LIMIT} more bytes)` : text,
    };
  });
}
