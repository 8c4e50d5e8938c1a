// Next 16's proxy (formerly middleware) runs before routing. Next decodes route params itself
// and answers a path it cannot decode (`/api/runs/%FF`) with its HTML error page; an API
// caller gets the console's JSON envelope instead. Everything else passes through untouched.
import { type NextRequest, NextResponse } from "next/server";
import { type ErrorEnvelope, errorStatus } from "@/lib/errors";

export function proxy(req: NextRequest) {
  try {
    decodeURIComponent(req.nextUrl.pathname);
  } catch {
    const envelope: ErrorEnvelope = {
      error: { code: "BAD_REQUEST", message: "The path is not valid percent-encoded UTF-8; encode each path segment with encodeURIComponent." },
    };
    return NextResponse.json(envelope, { status: errorStatus.BAD_REQUEST });
  }
  return NextResponse.next();
}

export const config = { matcher: ["/api/:path*"] };
