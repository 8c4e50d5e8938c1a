import "server-only";
// The console's one way into a cluster: KUBECONFIG (the sandbox's, in development), or the
// in-cluster service account. Every call has a timeout and answers typed errors.
import { AppsV1Api, CoreV1Api, KubeConfig, Metrics } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";
import { withTimeout } from "../timeout";

export const KUBE = "Kubernetes API";
export const KUBE_TIMEOUT_MS = 5000;

type Clients = { kc: KubeConfig; core: CoreV1Api; apps: AppsV1Api; metrics: Metrics; source: string };
const g = globalThis as unknown as { __phoenixKube?: Clients | null };

/** The cluster clients, or null when no cluster is configured. */
export function kube(): Clients | null {
  if (g.__phoenixKube !== undefined) return g.__phoenixKube;
  const kc = new KubeConfig();
  let source: string;
  if (process.env.KUBECONFIG) {
    kc.loadFromDefault();
    source = `KUBECONFIG (${kc.getCurrentContext()})`;
  } else if (process.env.KUBERNETES_SERVICE_HOST) {
    kc.loadFromCluster();
    source = "in-cluster service account";
  } else {
    g.__phoenixKube = null;
    return null;
  }
  g.__phoenixKube = { kc, core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api), metrics: new Metrics(kc), source };
  return g.__phoenixKube;
}

/** Forget the clients, so the next call reads KUBECONFIG again (tests switch clusters). */
export function resetKubeClients() {
  g.__phoenixKube = undefined;
}

export function requireKube(): Clients {
  const k = kube();
  if (!k) throw new AppError("DEPENDENCY_FAILED", "No cluster is configured: set KUBECONFIG (npm run dev starts the sandbox cluster for you).", { dependency: KUBE });
  return k;
}

/** Runs one API call under the timeout and maps the API's answer to an AppError. */
export async function kubeCall<T>(what: string, call: () => Promise<T>, timeoutMs = KUBE_TIMEOUT_MS): Promise<T> {
  try {
    return await withTimeout(KUBE, timeoutMs, () => call());
  } catch (err) {
    throw toKubeError(what, err, timeoutMs);
  }
}

// The connection dropped with the request possibly on the wire.
const DROPPED = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

/**
 * A call that changes the cluster. If the API server got it and never answered (timeout,
 * dropped connection), it may have applied it: the error says so (details.unanswered) and
 * carries the request still in flight, whose late answer says what happened.
 */
export async function kubeWrite<T>(what: string, call: () => Promise<T>, timeoutMs = KUBE_TIMEOUT_MS): Promise<T> {
  let running: Promise<T> | undefined;
  try {
    return await withTimeout(KUBE, timeoutMs, () => (running = call()));
  } catch (err) {
    const mapped = toKubeError(what, err, timeoutMs);
    const e = err as { code?: unknown; cause?: { code?: unknown } };
    const timedOut = mapped.code === "DEPENDENCY_TIMEOUT";
    if (!timedOut && !DROPPED.has(String(e.cause?.code ?? e.code))) throw mapped;
    const inFlight = running;
    const late = timedOut && inFlight ? () => inFlight.catch((lateErr: unknown) => Promise.reject(toKubeError(what, lateErr, timeoutMs))) : undefined;
    throw new AppError(mapped.code, mapped.message, { ...mapped.details, unanswered: { operation: what, afterMs: timedOut ? timeoutMs : undefined, late } });
  }
}

/** For a write that was not the operation's last step: its late answer cannot say how the operation ended. */
export function withoutLateAnswer(err: unknown): unknown {
  if (!(err instanceof AppError) || !err.details.unanswered?.late) return err;
  return new AppError(err.code, err.message, { ...err.details, unanswered: { ...err.details.unanswered, late: undefined } });
}

export function toKubeError(what: string, err: unknown, timeoutMs = KUBE_TIMEOUT_MS): AppError {
  if (err instanceof AppError) {
    return err.code === "DEPENDENCY_TIMEOUT" && !err.details.unanswered ? new AppError("DEPENDENCY_TIMEOUT", `${what}: the cluster did not answer within ${timeoutMs} ms`, { dependency: KUBE }) : err;
  }
  const e = err as { code?: number | string; body?: unknown; message?: string };
  const status = typeof e.code === "number" ? e.code : undefined;
  let message = e.message ?? String(err);
  try {
    const body = typeof e.body === "string" ? JSON.parse(e.body) : e.body;
    if (body && typeof body === "object" && "message" in body) message = String((body as { message: unknown }).message);
  } catch {
    // the body was not a Status: keep the message
  }
  if (status === 404) return new AppError("NOT_FOUND", `${what}: ${message}`, { dependency: KUBE });
  // The cluster refusing the console's service account is a dependency's answer, not the user's 403.
  if (status === 403 || status === 401) return new AppError("DEPENDENCY_REFUSED", `${what}: the cluster refused the console's identity: ${message}`, { dependency: KUBE });
  if (status === 409) return new AppError("CONFLICT", `${what}: ${message}`, { dependency: KUBE });
  if (status === 422 || status === 400) return new AppError("VALIDATION_FAILED", `${what}: ${message}`, { dependency: KUBE });
  const cause = (err as { cause?: { code?: string } }).cause?.code;
  return new AppError("DEPENDENCY_FAILED", `${what}: ${cause ? `${cause}: ` : ""}${message}`, { dependency: KUBE });
}
