import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export type HashedFields = {
  actionId: string;
  stage: string;
  time: Date;
  actor: string;
  actorRole: string | null;
  action: string;
  target: string | null;
  input: unknown;
  outcome: string;
  reason: string | null;
  error: string | null;
  /** Hashed only when set, so events written before these fields existed keep their hashes. */
  onBehalfOf?: string | null;
  result?: unknown;
};

/** hash = SHA-256(prevHash + canonical JSON of the event). */
export function eventHash(prevHash: string, e: HashedFields): string {
  const body = canonicalJson({
    actionId: e.actionId,
    stage: e.stage,
    time: e.time.toISOString(),
    actor: e.actor,
    actorRole: e.actorRole,
    action: e.action,
    target: e.target,
    input: e.input ?? null,
    outcome: e.outcome,
    reason: e.reason,
    error: e.error,
    ...(e.onBehalfOf != null ? { onBehalfOf: e.onBehalfOf } : {}),
    ...(e.result != null ? { result: e.result } : {}),
  });
  return createHash("sha256").update(prevHash + body).digest("hex");
}
