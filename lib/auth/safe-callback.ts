const BASE = "http://console.invalid";

/**
 * Where to go after sign-in: a path on this console only. Anything that a browser could read
 * as another site (//host, /\host, control characters, absolute URLs) becomes "/".
 */
export function safeCallbackPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(raw)) return "/";
  try {
    const url = new URL(raw, BASE);
    if (url.origin !== BASE) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
