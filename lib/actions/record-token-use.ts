import "server-only";
// Every use of an API token is on the record under its service identity: what it called and the
// answer, and each refused token (revoked, expired). Nothing changes by it, but it is a write to
// the audit log, and lib/actions is the only code that writes the audit log.
import { randomUUID } from "node:crypto";
import { appendAuditEvent } from "@/lib/audit/append-event";
import type { Store } from "@/lib/db/store";
import { log } from "@/lib/log";

/** One call made with a token: `GET /api/…` and its HTTP status (query secrets are redacted on write). */
export async function recordTokenUse(store: Store, use: { actor: string; role: string; method: string; path: string; status: number }) {
  const { status } = use;
  await appendAuditEvent(store, {
    actionId: randomUUID(),
    stage: "outcome",
    actor: use.actor,
    actorRole: use.role,
    action: "api.token",
    target: `${use.method} ${use.path}`,
    outcome: status < 400 ? "ok" : status === 401 || status === 403 ? "denied" : "failed",
    error: status < 400 ? null : `HTTP ${status}`,
  }).catch((err) => log.error({ err: String(err), actor: use.actor }, "could not audit an API token's use"));
}

/** A token refused at the door, under the identity it belongs to. */
export async function recordTokenRefusal(store: Store, identity: string, refusal: string) {
  await appendAuditEvent(store, { actionId: randomUUID(), stage: "outcome", actor: identity, action: "api.token", target: null, outcome: "denied", error: refusal }).catch((err) =>
    log.error({ err: String(err), actor: identity }, "could not audit a refused API token"),
  );
}
