// API tokens for service identities: shown once, stored hashed, expiring, revocable, issued
// only by admins, and never able to approve a deployment whatever their role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorRef } from "@/lib/actions/define-action";
import { actOn, PEOPLE, refusal } from "@/test/actions";
import { makeTestStore, type TestStore } from "@/test/stores";
import { authenticateToken, listTokens, type TokenView } from "./api-tokens";

let t: TestStore;
beforeAll(async () => {
  t = await makeTestStore("pglite");
});
afterAll(async () => t?.dispose());

const { admin, lead, sre } = PEOPLE;
const act = actOn(() => t.store);

describe("API tokens", () => {
  it("are issued by an admin, shown once, stored only as a hash, and stand for the service identity", async () => {
    const issued = await act<TokenView & { token: string }>("tokens.issue", admin, { name: "github-ci", role: "sre", expiresInDays: 30 });
    expect(issued.token).toMatch(/^phx_[A-Za-z0-9_-]{43}$/);
    expect(issued).toMatchObject({ name: "github-ci", actor: "svc:github-ci", role: "sre", state: "active", createdBy: "admin@phoenix.local", prefix: issued.token.slice(0, 10) });
    expect(Date.parse(issued.expiresAt) - Date.parse(issued.createdAt)).toBe(30 * 86_400_000);

    // Nowhere is the token kept or listed: not the table, not the list, not the audit log.
    const row = await t.store.prisma.apiToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(issued.token);
    expect(JSON.stringify(await listTokens(t.store))).not.toContain(issued.token.slice(10));
    const audit = await t.store.prisma.auditEvent.findMany({ where: { action: "tokens.issue" } });
    expect(audit.map((e) => JSON.stringify(e.input)).join()).not.toContain(issued.token.slice(10));

    const who = await authenticateToken(t.store, issued.token);
    expect(who).toMatchObject({ ok: true, token: { actor: "svc:github-ci", role: "sre" } });
    expect((await listTokens(t.store))[0]!.lastUsedAt).not.toBeNull();
    expect(await authenticateToken(t.store, `${issued.token.slice(0, -1)}x`)).toEqual({ ok: false, refusal: "The API token is not recognised.", identity: null });
  });

  it("expire, and once revoked are refused at once; only admins issue or revoke", async () => {
    const issued = await act<TokenView & { token: string }>("tokens.issue", admin, { name: "nightly-job", role: "viewer", expiresInDays: 1 });
    const tomorrow = new Date(Date.now() + 86_400_000 + 1000);
    expect(await authenticateToken(t.store, issued.token, tomorrow)).toMatchObject({ ok: false, identity: "svc:nightly-job", refusal: expect.stringMatching(/^The API token phx_\S+… of nightly-job expired at /) });

    expect((await refusal(act("tokens.issue", lead, { name: "sneaky", role: "lead" }))).code).toBe("FORBIDDEN");
    expect((await refusal(act("tokens.issue", admin, { name: "root-ci", role: "admin" }))).message).toMatch(/input\.role/);
    expect((await refusal(act("tokens.revoke", lead, { id: issued.id }))).code).toBe("FORBIDDEN");

    const revoked = await act<TokenView>("tokens.revoke", admin, { id: issued.id });
    expect(revoked).toMatchObject({ state: "revoked", revokedBy: "admin@phoenix.local" });
    expect(await authenticateToken(t.store, issued.token)).toMatchObject({ ok: false, refusal: expect.stringMatching(/of nightly-job was revoked\.$/) });
    expect((await refusal(act("tokens.revoke", admin, { id: issued.id }))).code).toBe("CONFLICT");
  });

  it("never approve a deployment, even with the lead role: approval is a person's decision", async () => {
    const req = await act<{ id: string }>("deploy.request", sre, { version: "v9.9.9", environment: "staging", services: ["api"], description: "from CI" });
    const bot: ActorRef = { id: "x", email: "svc:release-bot", role: "lead", via: "token" };
    const err = await refusal(act("deploy.approve", bot, { id: req.id, comment: "auto approve" }));
    expect(err.code).toBe("FORBIDDEN");
    expect(err.message).toBe("Approve deployment: This is a person's decision; svc:release-bot uses an API token.");
  });
});
