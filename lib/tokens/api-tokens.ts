import "server-only";
// API tokens for service identities: an admin issues one for a name and a role; the token is
// shown once and only its SHA-256 is stored (the token has 256 random bits, so a fast hash
// is enough); it expires, can be revoked, and each use is audited under "svc:<name>".
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/auth/roles";
import type { Store } from "@/lib/db/store";

export const TOKEN_PREFIX = "phx_";
/** A service identity acts under this name in the audit log. */
export const serviceActor = (name: string) => `svc:${name}`;
/** Roles a token may carry: never admin (tokens do not manage users or tokens). */
export const TOKEN_ROLES = ["viewer", "sre", "lead"] as const satisfies readonly Role[];

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export type TokenView = {
  id: string;
  name: string;
  actor: string;
  role: Role;
  prefix: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  lastUsedAt: string | null;
  state: "active" | "expired" | "revoked";
};

type Row = Awaited<ReturnType<Store["prisma"]["apiToken"]["findFirstOrThrow"]>>;

function view(t: Row, now = new Date()): TokenView {
  return {
    id: t.id,
    name: t.name,
    actor: serviceActor(t.name),
    role: t.role,
    prefix: t.prefix,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    revokedBy: t.revokedBy,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    state: t.revokedAt ? "revoked" : t.expiresAt <= now ? "expired" : "active",
  };
}

/** Issues a token; the answer holds the token itself, which is never shown again. */
export async function issueToken(store: Store, input: { name: string; role: (typeof TOKEN_ROLES)[number]; expiresInDays: number }, admin: string, now = new Date()) {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await store.prisma.apiToken.create({
    data: { name: input.name, role: input.role, tokenHash: hash(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6), createdBy: admin, createdAt: now, expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000) },
  });
  return { ...view(row, now), token };
}

export async function listTokens(store: Store, now = new Date()): Promise<TokenView[]> {
  const rows = await store.prisma.apiToken.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map((r) => view(r, now));
}

export async function revokeToken(store: Store, id: string, admin: string): Promise<TokenView> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("NOT_FOUND", `No API token ${id}.`);
  const row = await store.prisma.apiToken.findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", `No API token ${id}.`);
  if (row.revokedAt) throw new AppError("CONFLICT", `The token ${row.prefix}… of ${row.name} was revoked already (by ${row.revokedBy}).`);
  return view(await store.prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date(), revokedBy: admin } }));
}

/** The identity a presented token stands for, or why it is refused (and whose it was, when known). */
export async function authenticateToken(store: Store, token: string, now = new Date()): Promise<{ ok: true; token: TokenView } | { ok: false; refusal: string; identity: string | null }> {
  const row = token.startsWith(TOKEN_PREFIX) ? await store.prisma.apiToken.findUnique({ where: { tokenHash: hash(token) } }) : null;
  if (!row) return { ok: false, refusal: "The API token is not recognised.", identity: null };
  if (row.revokedAt) return { ok: false, refusal: `The API token ${row.prefix}… of ${row.name} was revoked.`, identity: serviceActor(row.name) };
  if (row.expiresAt <= now) return { ok: false, refusal: `The API token ${row.prefix}… of ${row.name} expired at ${row.expiresAt.toISOString()}.`, identity: serviceActor(row.name) };
  const used = await store.prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { ok: true, token: view(used, now) };
}
