import "server-only";
import { AppError } from "@/lib/errors";
import { withTimeout } from "../timeout";
import { dependencyFetch } from "@/lib/ops/http/credentials";

/** Runbook 1.1: `curl -s $PROMETHEUS_URL/-/healthy | grep -q "Prometheus is Healthy"`. */
export async function checkPrometheus(options: { baseUrl: string; timeoutMs: number }) {
  const url = new URL("-/healthy", options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  return withTimeout("Prometheus", options.timeoutMs, async (signal) => {
    const res = await dependencyFetch(url, { signal, cache: "no-store" });
    const body = (await res.text()).trim();
    if (!res.ok || !/Healthy/i.test(body)) {
      throw new AppError("DEPENDENCY_FAILED", `HTTP ${res.status}: ${body.slice(0, 200) || "(empty body)"}`, {
        dependency: "Prometheus",
      });
    }
    return { detail: body };
  });
}
