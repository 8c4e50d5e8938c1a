// Secrets never reach the audit log: matching keys are replaced, URL passwords masked.
export const REDACTED = "[REDACTED]";

const SECRET_KEY = /pass(word|wd|phrase)?|secret|token|api[-_]?key|authorization|cookie|private[-_]?key|credential|session/i;
// user:password@ up to the last @ of the URL (an unencoded @ or / in a password stays hidden),
// and secrets passed as query parameters (?password=…, sslkey=…).
const URL_WITH_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)(\S*)@/gi;
const SECRET_PARAM = /([?&](?:password|sslpassword|sslkey|secret|token|api[-_]?key)=)[^&\s#]*/gi;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (typeof value === "string") return value.replace(URL_WITH_PASSWORD, `$1${REDACTED}@`).replace(SECRET_PARAM, `$1${REDACTED}`);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1)]),
    );
  }
  return value;
}
