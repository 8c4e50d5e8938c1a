// Input fields of free text that every viewer reads later (descriptions, comments, notes,
// reasons): stored with URL credentials and secret parameters masked, by one rule.
import { z } from "zod";
import { isHttpUrl } from "@/lib/http-url";
import { redactText } from "@/lib/redact-text";

/** Trimmed text of min..max characters, redacted as it is parsed (so as it is stored). */
export const freeText = (max: number, min = 0) => z.string().trim().min(min).max(max).transform(redactText);

/** An http(s) link (a CI run), redacted likewise. */
export const httpUrl = (max: number) =>
  z.string().trim().max(max).refine(isHttpUrl, "must be an http(s) URL").transform(redactText);
