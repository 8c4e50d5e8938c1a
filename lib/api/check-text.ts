// Postgres cannot store NUL in text and silently turns lone UTF-16 surrogates into U+FFFD,
// which would make a stored audit event differ from the one that was hashed. Such strings
// are refused at the door, with the field named; so is nesting deeper than anything the
// console sends, as it could not be checked (nor redacted) all the way down.
import { type Issue, validationError } from "@/lib/errors";

const NUL = "\u0000";
export const MAX_DEPTH = 50;

function badStrings(value: unknown, path: string, out: Issue[], depth = 0): void {
  if (depth > MAX_DEPTH) {
    out.push({ path: path || "(body)", message: `nested more than ${MAX_DEPTH} levels deep` });
    return;
  }
  if (typeof value === "string") {
    if (!value.isWellFormed() || value.includes(NUL)) out.push({ path: path || "(body)", message: "must be valid Unicode text without NUL characters" });
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => badStrings(v, path ? `${path}.${i}` : String(i), out, depth + 1));
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (!k.isWellFormed() || k.includes(NUL)) out.push({ path: p, message: "field names must be valid Unicode text" });
      badStrings(v, p, out, depth + 1);
    }
  }
}

/** Throws a 422 naming every string that cannot be stored as written. */
export function assertStorableText(value: unknown): void {
  const issues: Issue[] = [];
  badStrings(value, "", issues);
  if (issues.length) throw validationError(issues);
}
