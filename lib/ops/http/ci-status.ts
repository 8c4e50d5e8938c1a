import "server-only";
import { AppError } from "@/lib/errors";
import { probeHttp } from "./probe";

/** What a CI status endpoint says of a build: `{"state":"success","url":"…"}`. */
export async function readCiStatus(options: { url: string; timeoutMs: number }): Promise<{ state: string | null; url: string | null }> {
  const res = await probeHttp({ url: options.url, timeoutMs: options.timeoutMs, dependency: "CI status" });
  if (!res.ok) throw new AppError("DEPENDENCY_FAILED", `the CI status endpoint answered HTTP ${res.status}`, { dependency: "CI status" });
  let body: { state?: unknown; url?: unknown } = {};
  try {
    body = JSON.parse(res.body) ?? {};
  } catch {
    // not JSON: no state
  }
  return { state: typeof body.state === "string" ? body.state : null, url: typeof body.url === "string" ? body.url : null };
}
