import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { type Permission, can, denialReason } from "@/lib/auth/policy";
import { recordTokenUse } from "@/lib/actions/record-token-use";
import { assertActionAllowed } from "@/lib/actions/run-action";
import { type Actor, actorRef, requireActor } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { assertStorableText } from "./check-text";
import { AppError, type ErrorEnvelope, validationError, zodIssues } from "@/lib/errors";

export const MAX_BODY_BYTES = 64 * 1024;

type Ctx<P, B> = { req: NextRequest; params: P; actor: Actor; body: B };

type Options<P, B extends z.ZodType | undefined> = {
  /** Read permission required. */
  permission?: Permission;
  /**
   * The action a write route runs (or, from its params, which one): its policy is checked,
   * and a refusal audited, before the body is read. runAction checks it again.
   */
  action?: Permission | ((params: P) => string | undefined);
  /** Schema of the route params (lib/api/params.ts), checked after access and before the body. */
  params?: z.ZodType<P>;
  /** Schema of the JSON body; non-GET routes without one take no body. */
  body?: B;
};

/**
 * Wraps every API handler once: origin and content-type checks for writes, body size
 * and JSON parsing, session lookup, permission, and mapping errors to the envelope.
 */
export function withRoute<P = Record<string, string>, B extends z.ZodType | undefined = undefined>(
  handler: (ctx: Ctx<P, B extends z.ZodType ? z.output<B> : undefined>) => Promise<unknown>,
  options: Options<P, B> = {},
) {
  return async (req: NextRequest, route: { params: Promise<P> }): Promise<Response> => {
    let actor: Actor | undefined;
    const response = await answer();
    if (actor?.via === "token") await auditTokenUse(actor, req, response.status);
    return response;

    async function answer(): Promise<Response> {
      try {
        const raw = await route.params;
        const write = req.method !== "GET" && req.method !== "HEAD";
        if (write) checkOrigin(req);

        // Check access: a session, or an API token (Authorization: Bearer).
        actor = await requireActor(req.headers);
        if (write && actor.stale) {
          // The user's current role and status cannot be confirmed, and nothing could be audited.
          throw new AppError("STORE_UNAVAILABLE", "The console store is unreachable, so changes are refused and nothing was run. Try again when it is back.");
        }
        if (options.permission && !can(actor.role, options.permission)) {
          throw new AppError("FORBIDDEN", denialReason(actor.role, options.permission)!);
        }
        const action = typeof options.action === "function" ? options.action(raw) : options.action;
        if (action) await assertActionAllowed(action, actorRef(actor));

        // Validate the params.
        let params = raw;
        if (options.params) {
          const parsed = options.params.safeParse(raw);
          if (!parsed.success) throw validationError(zodIssues(parsed.error.issues).map((i) => ({ ...i, path: `params.${i.path}` })));
          params = parsed.data as typeof raw;
        }

        // Validate the body.
        let body: unknown = undefined;
        if (write && options.body) {
          const raw = await readJson(req);
          const parsed = options.body.safeParse(raw);
          if (!parsed.success) throw validationError(zodIssues(parsed.error.issues));
          body = parsed.data;
        }

        const result = await handler({ req, params, actor, body: body as never });
        return result instanceof Response ? result : NextResponse.json(result);
      } catch (err) {
        return errorResponse(err);
      }
    }
  };
}

/** Every use of an API token is on the record under its service identity: what it called, and the answer. */
async function auditTokenUse(actor: Actor, req: NextRequest, status: number) {
  const store = await getStore().catch(() => undefined);
  if (!store) return log.error({ actor: actor.email }, "could not audit an API token's use: the store is unreachable");
  await recordTokenUse(store, { actor: actor.email, role: actor.role, method: req.method, path: `${req.nextUrl.pathname}${req.nextUrl.search}`, status });
}

/** The console's own origin only: a cross-site page cannot drive a write. */
function checkOrigin(req: NextRequest) {
  const origin = req.headers.get("origin");
  if (origin) {
    const own = new Set([req.nextUrl.origin]);
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    if (host) own.add(`${req.headers.get("x-forwarded-proto") ?? req.nextUrl.protocol.replace(":", "")}://${host}`);
    const configured = env().NEXTAUTH_URL;
    if (configured) own.add(new URL(configured).origin);
    if (!own.has(origin)) throw new AppError("FORBIDDEN", `Requests from origin ${origin} are not accepted.`);
  }
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).");
  }
}

async function readJson(req: NextRequest): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  if (!text.trim()) throw validationError([{ path: "(body)", message: "a JSON body is required" }]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
  assertStorableText(value);
  return value;
}

const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);

/** AppError → its status and envelope; anything else → 500 with an event id, details only in the log. */
export function errorEnvelope(err: unknown): { status: number; envelope: ErrorEnvelope } {
  if (err instanceof AppError) {
    if (err.status >= 500) log.warn({ code: err.code, message: err.message, internal: String(err.details.internal ?? "") }, "request failed");
    return { status: err.status, envelope: { error: { code: err.code, message: err.message, issues: err.details.issues, dependency: err.details.dependency } } };
  }
  const eventId = randomUUID();
  log.error({ eventId, err }, "unexpected error");
  return { status: 500, envelope: { error: { code: "INTERNAL", message: `Something went wrong on our side (event ${eventId}).`, eventId } } };
}

export function errorResponse(err: unknown): Response {
  const { status, envelope } = errorEnvelope(err);
  return NextResponse.json(envelope, { status });
}
