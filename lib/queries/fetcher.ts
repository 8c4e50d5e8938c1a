import type { ErrorEnvelope } from "@/lib/errors";

/** An API failure, carrying the status and the server's error envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly envelope: ErrorEnvelope["error"],
  ) {
    super(envelope.message);
    this.name = "ApiError";
  }
}

/** The one client fetcher: JSON in, JSON out, errors as ApiError. */
export async function fetcher<T>(url: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      signal: init.signal,
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, { code: "DEPENDENCY_FAILED", message: "The console did not answer. Check your connection and try again." });
  }
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // fall through: a non-JSON answer is an error below
  }
  if (!res.ok) {
    const envelope = (data as ErrorEnvelope | undefined)?.error ?? { code: "INTERNAL" as const, message: `HTTP ${res.status}` };
    if (res.status === 401 && typeof window !== "undefined") window.location.assign(new URL(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`, window.location.origin));
    throw new ApiError(res.status, envelope);
  }
  return data as T;
}

/** For text answers (pod logs): the body on success, ApiError with the envelope otherwise. */
export async function fetchText(url: string, signal?: AbortSignal): Promise<string> {
  const res = await fetch(url, { signal });
  const text = await res.text();
  if (!res.ok) {
    let envelope: ErrorEnvelope["error"] = { code: "INTERNAL", message: `HTTP ${res.status}` };
    try {
      envelope = (JSON.parse(text) as ErrorEnvelope).error ?? envelope;
    } catch {
      // not an envelope
    }
    throw new ApiError(res.status, envelope);
  }
  return text;
}
