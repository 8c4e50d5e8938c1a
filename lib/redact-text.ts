// Secrets inside free text: URL credentials (scheme://user:password@host) and secret query
// parameters (?token=…, &password=…). Imports nothing, so the audit log, the server log, the
// dependency clients and the domain code all hide them by the same rule.
export const REDACTED = "[REDACTED]";

// user:password@ up to the last @ of the URL (an unencoded @ or / in a password stays hidden).
const URL_WITH_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)(\S*)@/gi;
// Any parameter whose name says it is a secret: token, access_token, password, sslkey, api_key, client_secret…
const SECRET_PARAM = /([?&][^=&\s#]*(?:pass(?:word|wd|phrase)?|secret|token|api[-_]?key|sslkey|signature)=)[^&\s#]*/gi;
// The same inside one JSON string value of a log line: never past its closing quote.
const JSON_URL_WITH_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@"]*:)([^\s"]*)@/gi;
const JSON_SECRET_PARAM = /([?&][^=&\s#"]*(?:pass(?:word|wd|phrase)?|secret|token|api[-_]?key|sslkey|signature)=)[^&\s#"]*/gi;

/** The text with URL passwords and secret query parameters replaced by [REDACTED]. */
export function redactText(text: string): string {
  return text.replace(URL_WITH_PASSWORD, `$1${REDACTED}@`).replace(SECRET_PARAM, `$1${REDACTED}`);
}

/** For a serialised JSON line (the server log): the same rule, kept within each string. */
export function redactJsonText(line: string): string {
  return line.replace(JSON_URL_WITH_PASSWORD, `$1${REDACTED}@`).replace(JSON_SECRET_PARAM, `$1${REDACTED}`);
}

/** Nullable free text, redacted. */
export const redactOptionalText = <T extends string | null | undefined>(text: T): T => (typeof text === "string" ? (redactText(text) as T) : text);
