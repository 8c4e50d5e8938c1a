// The one rule for "the Phoenix API gateway is healthy" (runbook 1.1: `curl -s …/health | jq -r '.status'`):
// a 2xx answer whose JSON body has status "ok". The health panel, runbook 2.1's probe and the
// deployments' default smoke test all ask this function, so they cannot disagree.

/** The gateway's own word on its health: the JSON body's `status`, or null if the body is not JSON. */
export function gatewayStatus(body: string): string | null {
  try {
    const status = (JSON.parse(body) as { status?: unknown } | null)?.status;
    return status === undefined || status === null ? "missing" : String(status);
  } catch {
    return null;
  }
}

export function gatewayHealthy(answer: { ok: boolean; body: string }): boolean {
  return answer.ok && gatewayStatus(answer.body) === "ok";
}
