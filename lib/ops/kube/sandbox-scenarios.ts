import "server-only";
// Drills need faults on demand: when the configured cluster is the sandbox, its admin API
// switches fault scenarios. On a real cluster that API does not exist and drills say so.
import https from "node:https";
import { AppError } from "@/lib/errors";
import { withTimeout } from "../timeout";
import { KUBE, requireKube } from "./client";

async function call(method: "GET" | "POST", body?: unknown): Promise<{ status: number; json: unknown }> {
  const { kc } = requireKube();
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new AppError("DEPENDENCY_FAILED", "The kubeconfig names no cluster.", { dependency: KUBE });
  const url = new URL("/sandbox/scenarios", server);
  const opts: https.RequestOptions = { method, hostname: url.hostname, port: url.port, path: url.pathname, headers: { "content-type": "application/json" } };
  await kc.applyToHTTPSOptions(opts);
  return withTimeout(KUBE, 5000, () =>
    new Promise((resolve, reject) => {
      const req = https.request(opts, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => {
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      });
      req.on("error", reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    }),
  );
}

/** The sandbox's scenarios, or null when the cluster is not the sandbox. */
export async function sandboxScenarios(): Promise<{ available: string[]; active: string[] } | null> {
  try {
    const res = await call("GET");
    if (res.status !== 200) return null;
    const body = res.json as { available?: string[]; active?: string[] };
    return Array.isArray(body?.available) ? { available: body.available, active: body.active ?? [] } : null;
  } catch {
    return null;
  }
}

export async function setSandboxScenario(name: string, enabled: boolean): Promise<string[]> {
  const res = await call("POST", { name, enabled });
  if (res.status !== 200) throw new AppError("CONFLICT", `The cluster refused to ${enabled ? "start" : "stop"} the ${name} scenario (HTTP ${res.status}); drills need the sandbox cluster.`, { dependency: KUBE });
  return (res.json as { active: string[] }).active;
}
