// One error type for the whole console: a code, its HTTP status, a user-safe message. It
// imports nothing, so every layer (ops, actions, routes, the browser) can use it.
export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  DEPENDENCY_FAILED: 502,
  /** A dependency refused the console's own identity (the cluster's RBAC, a database role): not the user's 403. */
  DEPENDENCY_REFUSED: 502,
  STORE_UNAVAILABLE: 503,
  DEPENDENCY_TIMEOUT: 504,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type Issue = { path: string; message: string };

/**
 * A request the dependency received, or may have received, without answering: it timed out,
 * or the connection dropped after it was sent. A write may have been applied.
 */
export type Unanswered = {
  /** What was asked ("cordon phoenix-node-3"), when the caller named it. */
  operation?: string;
  /** How long it waited; absent when the connection dropped. */
  afterMs?: number;
  /**
   * The request itself, still in flight: settles with the dependency's late answer. Only when
   * that request was the operation's last step does its answer say what the operation did.
   */
  late?: () => Promise<unknown>;
};

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { issues?: Issue[]; dependency?: string; internal?: unknown; unanswered?: Unanswered } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = errorStatus[code];
  }
}

export type ErrorEnvelope = {
  error: { code: ErrorCode; message: string; issues?: Issue[]; dependency?: string; eventId?: string };
};

/** Turns zod issues into field paths a user can act on. */
export function zodIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string; keys?: string[] }>): Issue[] {
  return issues.flatMap((i) => {
    const base = i.path.map(String).join(".");
    if (i.code === "unrecognized_keys" && i.keys) {
      return i.keys.map((k) => ({ path: base ? `${base}.${k}` : k, message: "unknown field" }));
    }
    return [{ path: base || "(body)", message: i.message }];
  });
}

export function validationError(issues: Issue[]): AppError {
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  return new AppError("VALIDATION_FAILED", `Invalid input: ${summary}`, { issues });
}
