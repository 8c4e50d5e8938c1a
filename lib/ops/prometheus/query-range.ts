import "server-only";
import { AppError } from "@/lib/errors";
import { withTimeout } from "../timeout";
import { dependencyFetch } from "@/lib/ops/http/credentials";

export type Series = { labels: Record<string, string>; points: [number, number][] };

/** `GET /api/v1/query_range`: a PromQL expression over a window, one series per label set. */
export async function queryRange(options: { baseUrl: string; query: string; minutes: number; stepSeconds: number; timeoutMs: number }): Promise<Series[]> {
  const end = Math.floor(Date.now() / 1000);
  const url = new URL("api/v1/query_range", options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  url.search = new URLSearchParams({ query: options.query, start: String(end - options.minutes * 60), end: String(end), step: String(options.stepSeconds) }).toString();
  return withTimeout("Prometheus", options.timeoutMs, async (signal) => {
    const res = await dependencyFetch(url, { signal, cache: "no-store" });
    const body = (await res.json().catch(() => null)) as { status?: string; error?: string; data?: { result?: { metric: Record<string, string>; values: [number, string][] }[] } } | null;
    if (!res.ok || body?.status !== "success") throw new AppError("DEPENDENCY_FAILED", `Prometheus refused the query: ${body?.error ?? `HTTP ${res.status}`}`, { dependency: "Prometheus" });
    return (body.data?.result ?? []).map((r) => ({ labels: r.metric, points: r.values.map(([t, v]) => [t, Number(v)] as [number, number]) }));
  });
}
