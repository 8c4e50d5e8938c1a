import "server-only";
// A dependency URL may carry its credentials (http://user:pass@prometheus:9090), but fetch
// refuses such URLs and they must never be shown. Every outbound HTTP call goes through
// dependencyFetch: the credentials leave the URL and travel as an Authorization header.
import { redactText } from "@/lib/redact-text";

export type Outbound = { url: URL; authorization: string | null };

/** The URL without its user:password@, and the Basic authorization they stood for. */
export function splitCredentials(input: string | URL): Outbound {
  const url = new URL(input);
  if (!url.username && !url.password) return { url, authorization: null };
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = "";
  url.password = "";
  return { url, authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` };
}

/** The URL as it may be shown (messages, pages, logs): no credentials, no secret parameters. */
export function shownUrl(input: string | URL): string {
  try {
    return redactText(splitCredentials(input).url.toString());
  } catch {
    return redactText(String(input));
  }
}

/** fetch, with credentials in the URL sent as Basic auth (an explicit Authorization header wins). */
export async function dependencyFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const { url, authorization } = splitCredentials(input);
  const headers = new Headers(init.headers);
  if (authorization && !headers.has("authorization")) headers.set("authorization", authorization);
  try {
    return await fetch(url, { ...init, headers });
  } catch (err) {
    // undici's messages may quote the URL; the caller's error text must not carry secrets.
    if (err instanceof Error) {
      err.message = redactText(err.message);
      const cause = err.cause as { message?: string } | undefined;
      if (cause && typeof cause.message === "string") cause.message = redactText(cause.message);
    }
    throw err;
  }
}
