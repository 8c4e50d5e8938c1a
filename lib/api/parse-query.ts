import type { NextRequest } from "next/server";
import type { z } from "zod";
import { assertStorableText } from "./check-text";
import { validationError, zodIssues } from "@/lib/errors";

/** Parses a GET's query string strictly: unknown or malformed parameters are a 422 naming them. */
export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.output<S> {
  const raw = Object.fromEntries([...req.nextUrl.searchParams].filter(([, v]) => v !== ""));
  assertStorableText(raw);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(zodIssues(parsed.error.issues));
  return parsed.data;
}
