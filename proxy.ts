// Next 16's proxy (formerly middleware) runs before routing, for /api only. It answers in the
// console's JSON envelope two things Next would otherwise answer itself, in HTML or with an
// empty body: a path Next cannot decode (`/api/runs/%FF`), and a method the route does not
// serve (the route policy table lists every route's methods). Everything else passes through.
import { type NextRequest, NextResponse } from "next/server";
import { ROUTE_POLICY } from "@/lib/auth/route-policy";
import { type ErrorCode, type ErrorEnvelope, errorStatus } from "@/lib/errors";

/** Each route's pattern as a regular expression, with its methods; catch-all routes left out (they serve every method). */
const ROUTES = (() => {
  const byPattern = new Map<string, Set<string>>();
  for (const key of Object.keys(ROUTE_POLICY)) {
    const [method, pattern] = key.split(" ") as [string, string];
    if (pattern.includes("[...")) continue;
    byPattern.set(pattern, (byPattern.get(pattern) ?? new Set()).add(method));
  }
  return [...byPattern].map(([pattern, methods]) => ({
    regex: new RegExp(`^${pattern.replace(/\[\w+\]/g, "[^/]+")}/?$`),
    // Static segments win over dynamic ones, as in Next's router.
    dynamic: (pattern.match(/\[/g) ?? []).length,
    methods,
  })).sort((a, b) => a.dynamic - b.dynamic);
})();

const answer = (status: number, code: ErrorCode, message: string, headers?: Record<string, string>) =>
  NextResponse.json({ error: { code, message } } satisfies ErrorEnvelope, { status, headers });

export function proxy(req: NextRequest) {
  let path: string;
  try {
    path = decodeURIComponent(req.nextUrl.pathname);
  } catch {
    return answer(errorStatus.BAD_REQUEST, "BAD_REQUEST", "The path is not valid percent-encoded UTF-8; encode each path segment with encodeURIComponent.");
  }
  const route = ROUTES.find((r) => r.regex.test(path));
  if (route) {
    const allowed = new Set(route.methods);
    if (allowed.has("GET")) allowed.add("HEAD");
    if (!allowed.has(req.method) && req.method !== "OPTIONS") {
      const allow = [...allowed].join(", ");
      return answer(405, "METHOD_NOT_ALLOWED", `${req.method} is not served here; this route answers ${allow}.`, { allow });
    }
  }
  return NextResponse.next();
}

export const config = { matcher: ["/api/:path*"] };
