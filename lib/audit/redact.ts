// Secrets never reach the audit log: matching keys are replaced, URL passwords masked.
import { REDACTED, redactText } from "@/lib/redact-text";

export { REDACTED };

const SECRET_KEY = /pass(word|wd|phrase)?|secret|token|api[-_]?key|authorization|cookie|private[-_]?key|credential|session/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (typeof value === "string") return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1)]),
    );
  }
  return value;
}

/**
 * Input no schema has vouched for (a refused or malformed request): its shape and numbers
 * stay on the record, its text does not, since any field may hold a secret under any name.
 */
export function redactUnvalidated(value: unknown, depth = 0): unknown {
  if (depth > 20 || typeof value === "string") return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactUnvalidated(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactUnvalidated(v, depth + 1)]));
  }
  return value;
}
