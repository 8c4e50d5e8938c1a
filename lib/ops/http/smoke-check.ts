import "server-only";
import { failureText } from "../timeout";
import { gatewayHealthy, gatewayStatus } from "./gateway-health";
import { probeHttp } from "./probe";

export type SmokeCheckSpec = {
  name: string;
  url: string;
  /** The status expected (default: any 2xx). */
  status?: number;
  /** Text the body must contain. */
  contains?: string;
  /** The answer must say the gateway is healthy, by the same rule as the health panel. */
  gateway?: boolean;
};

export type SmokeCheckResult = { url: string; status: number; ms: number; problem: string | null };

/** `smoke-test.sh`, one check: an HTTP request, its status, and what its body must say. */
export async function runSmokeCheck(check: SmokeCheckSpec, options: { timeoutMs: number }): Promise<SmokeCheckResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const res = await probeHttp({ url: check.url, timeoutMs: options.timeoutMs, dependency: check.name });
    const problem =
      (check.status ? res.status !== check.status : !res.ok) ? `HTTP ${res.status}, expected ${check.status ?? "2xx"}`
      : check.gateway && !gatewayHealthy(res) ? `the gateway says status "${gatewayStatus(res.body) ?? "(not JSON)"}", not "ok"`
      : check.contains && !res.body.includes(check.contains) ? `the body does not contain ${check.contains}: ${res.body.slice(0, 200)}`
      : null;
    return { url: check.url, status: res.status, ms: ms(), problem };
  } catch (err) {
    return { url: check.url, status: 0, ms: ms(), problem: `no usable answer (${failureText(err)})` };
  }
}
