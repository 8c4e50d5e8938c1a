import "server-only";
import { AppError } from "@/lib/errors";
import { withTimeout } from "../timeout";
import { dependencyFetch } from "./credentials";
import { gatewayHealthy, gatewayStatus } from "./gateway-health";

/** Runbook 1.1: `curl -s $API_GATEWAY_URL/health | jq -r '.status'`. ok only when status is "ok". */
export async function checkGateway(options: { baseUrl: string; timeoutMs: number }) {
  const url = new URL("health", options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  return withTimeout("API gateway", options.timeoutMs, async (signal) => {
    const res = await dependencyFetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
    const body = await res.text();
    const status = gatewayStatus(body);
    if (status === null) throw new AppError("DEPENDENCY_FAILED", `HTTP ${res.status}: the body is not JSON`, { dependency: "API gateway" });
    if (!gatewayHealthy({ ok: res.ok, body })) {
      throw new AppError("DEPENDENCY_FAILED", `HTTP ${res.status}, status "${status}"`, { dependency: "API gateway" });
    }
    return { detail: `HTTP ${res.status}, status "ok"` };
  });
}
