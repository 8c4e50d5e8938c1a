import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { listAuditEvents } from "@/lib/audit/query-events";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { openStore } from "@/lib/db/store";
import { makeTestStore, STORE_KINDS, type TestStore } from "@/test/stores";
import { z } from "zod";
import { type ActionDefinition, type ActorRef, defineAction, systemActor } from "./define-action";
import { ACTIONS } from "./registry";
import { runAction } from "./run-action";

const viewer: ActorRef = { email: "viewer@phoenix.local", role: "viewer", via: "web" };
const sre: ActorRef = { email: "sre@phoenix.local", role: "sre", via: "web" };
const admin: ActorRef = { email: "admin@phoenix.local", role: "admin", via: "web" };
const ackInput = { rows: [{ check: "redis", status: "down", error: "ECONNREFUSED" }], note: "redis restarted by platform team" };

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe.each(STORE_KINDS)("action framework on %s", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore(kind);
  });
  afterAll(async () => t?.dispose());
  const events = async (filter = {}) => (await listAuditEvents(t.store, filter, { limit: 100 })).events;

  it("writes the intent, runs, then writes the outcome, linked by one action id", async () => {
    const res = await runAction({ id: "health.acknowledge", request: { input: ackInput }, actor: sre, store: t.store });
    expect(res.status).toBe("done");
    if (res.status !== "done") return;
    const mine = await events({ actionId: res.actionId });
    expect(mine.map((e) => [e.stage, e.outcome])).toEqual([
      ["outcome", "ok"],
      ["intent", "started"],
    ]);
    expect(mine[1]).toMatchObject({ actor: "sre@phoenix.local", actorRole: "sre", target: "health:redis", input: ackInput });
  });

  it("refuses a viewer with 403 and audits the refusal", async () => {
    const err = await rejection(runAction({ id: "health.acknowledge", request: { input: ackInput }, actor: viewer, store: t.store }));
    expect(err.status).toBe(403);
    expect(err.message).toMatch(/needs the sre role/i);
    const denied = await events({ outcome: "denied" });
    expect(denied[0]).toMatchObject({ actor: "viewer@phoenix.local", action: "health.acknowledge", outcome: "denied" });
  });

  it("refuses a viewer before looking at their input, and audits it", async () => {
    const err = await rejection(runAction({ id: "health.acknowledge", request: { input: { junk: true } }, actor: viewer, store: t.store }));
    expect(err.status).toBe(403);
    expect((await events({ outcome: "denied" }))[0]).toMatchObject({ target: null, input: { junk: true } });
  });

  it("answers bad input with 422 naming each field, and runs nothing", async () => {
    const before = (await events()).length;
    const err = await rejection(
      runAction({ id: "health.acknowledge", request: { input: { rows: [{ check: "mysql", status: "down" }], note: "", extra: 1 } }, actor: sre, store: t.store }),
    );
    expect(err.status).toBe(422);
    const paths = err.details.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["input.rows.0.check", "input.note", "input.extra"]));
    expect((await events()).length).toBe(before);
  });

  it("refuses text the audit log could not hold as written (lone surrogates, NUL)", async () => {
    const before = (await events()).length;
    const err = await rejection(
      runAction({ id: "health.acknowledge", request: { input: { ...ackInput, note: "a\ud800" }, reason: "x\u0000y" }, actor: viewer, store: t.store }),
    );
    expect(err.status).toBe(422);
    expect(err.details.issues!.map((i) => i.path).sort()).toEqual(["input.note", "reason"]);
    expect((await events()).length).toBe(before);
    expect((await verifyAuditChain(t.store)).ok).toBe(true);
  });

  it("answers 404 for an unknown action", async () => {
    expect((await rejection(runAction({ id: "cluster.nuke", request: {}, actor: admin, store: t.store }))).status).toBe(404);
  });

  it("previews a destructive action without running it, then needs a reason", async () => {
    await runAction({ id: "users.create", request: { input: { email: "ops@phoenix.local", role: "sre", password: "long-enough" } }, actor: admin, store: t.store });
    const before = (await events()).length;
    const preview = await runAction({ id: "users.disable", request: { input: { email: "ops@phoenix.local" } }, actor: admin, store: t.store });
    expect(preview).toMatchObject({ status: "preview", reasonRequired: true, preview: { items: [{ label: "ops@phoenix.local", detail: "role sre" }] } });
    expect((await events()).length).toBe(before);
    expect((await t.store.prisma.user.findUnique({ where: { email: "ops@phoenix.local" } }))!.disabledAt).toBeNull();

    const noReason = await rejection(runAction({ id: "users.disable", request: { input: { email: "ops@phoenix.local" }, confirm: true }, actor: admin, store: t.store }));
    expect(noReason.status).toBe(422);
    expect(noReason.details.issues).toEqual([expect.objectContaining({ path: "reason" })]);

    const done = await runAction({ id: "users.disable", request: { input: { email: "ops@phoenix.local" }, confirm: true, reason: "left the team" }, actor: admin, store: t.store });
    expect(done.status).toBe("done");
    expect((await t.store.prisma.user.findUnique({ where: { email: "ops@phoenix.local" } }))!.disabledAt).not.toBeNull();
    expect((await events({ action: "users.disable" }))[0]).toMatchObject({ outcome: "ok", reason: "left the team" });
  });

  it("records a failed outcome with the user-safe error", async () => {
    const err = await rejection(
      runAction({ id: "users.create", request: { input: { email: "ops@phoenix.local", role: "sre", password: "long-enough" } }, actor: admin, store: t.store }),
    );
    expect(err.status).toBe(409);
    expect((await events({ action: "users.create", outcome: "failed" }))[0]).toMatchObject({ error: "A user with email ops@phoenix.local already exists." });
  });

  it("never stores the password it was given", async () => {
    const intent = (await events({ action: "users.create", outcome: "started" }))[0]!;
    expect(intent.input).toMatchObject({ email: "ops@phoenix.local", password: "[REDACTED]" });
  });

  it("refuses to leave the console without an admin", async () => {
    const err = await rejection(runAction({ id: "users.set-role", request: { input: { email: "nobody@phoenix.local", role: "sre" } }, actor: admin, store: t.store }));
    expect(err.status).toBe(404);
    await runAction({ id: "users.create", request: { input: { email: "root@phoenix.local", role: "admin", password: "long-enough" } }, actor: admin, store: t.store });
    const last = await rejection(runAction({ id: "users.set-role", request: { input: { email: "root@phoenix.local", role: "viewer" } }, actor: admin, store: t.store }));
    expect(last.message).toMatch(/last enabled admin/);
  });

  it("records a system actor's principal on intent, outcome and refusal; refuses internal actions to people", async () => {
    const bot = systemActor("system:run-sweeper", { onBehalfOf: "sre@phoenix.local", role: "sre" });
    const res = await runAction({ id: "health.acknowledge", request: { input: ackInput }, actor: bot, store: t.store });
    if (res.status !== "done") throw new Error("expected done");
    expect((await events({ actionId: res.actionId })).map((e) => [e.stage, e.actor, e.onBehalfOf])).toEqual([
      ["outcome", "system:run-sweeper", "sre@phoenix.local"],
      ["intent", "system:run-sweeper", "sre@phoenix.local"],
    ]);
    const weak = systemActor("system:oidc", { onBehalfOf: "new@example.com", role: "viewer" });
    expect((await rejection(runAction({ id: "users.provision", request: { input: { email: "new@example.com", name: null, role: "viewer" } }, actor: weak, store: t.store }))).code).toBe("FORBIDDEN");
    const denied = (await events({ action: "users.provision", outcome: "denied" }))[0]!;
    expect([denied.actor, denied.onBehalfOf, denied.error]).toEqual(["system:oidc", "new@example.com", "Needs the admin role (you are viewer)."]);
    const person = await rejection(runAction({ id: "users.provision", request: { input: { email: "new@example.com", name: null, role: "admin" } }, actor: admin, store: t.store }));
    expect([person.code, person.message]).toEqual(["FORBIDDEN", expect.stringMatching(/cannot be requested directly/)]);
    expect(await t.store.prisma.user.count({ where: { email: "new@example.com" } })).toBe(0);
  });

  it("keeps the chain intact through all of it", async () => {
    expect((await verifyAuditChain(t.store)).ok).toBe(true);
  });
});

describe("when the store cannot be written", () => {
  it("refuses the action before it touches anything", async () => {
    const t = await makeTestStore("postgres");
    try {
      // A second handle on the same database, closed: every write through it fails.
      const broken = await openStore({ databaseUrl: await databaseUrlOf(t) });
      await broken.close();
      const err = await rejection(
        runAction({ id: "users.create", request: { input: { email: "ghost@phoenix.local", role: "sre", password: "long-enough" } }, actor: admin, store: broken }),
      );
      expect(err.status).toBe(503);
      expect(err.message).toMatch(/refused and nothing was run/);
      expect(await t.store.prisma.user.findUnique({ where: { email: "ghost@phoenix.local" } })).toBeNull();
    } finally {
      await t.dispose();
    }
  });
});

async function databaseUrlOf(t: TestStore): Promise<string> {
  const rows = await t.store.prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
  const url = new URL(process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  url.pathname = `/${rows[0]!.db}`;
  return url.toString();
}

describe("an action that outlives its timeout", () => {
  it("answers 504, records outcome unknown at once, and what it did when it finishes", async () => {
    const t = await makeTestStore("pglite");
    const registry = ACTIONS as Map<string, ActionDefinition>;
    const slow = defineAction({
      id: "health.acknowledge",
      title: "Slow probe",
      description: "sleeps past its timeout",
      input: z.object({}).strict(),
      risk: "write",
      timeoutMs: 100,
      target: () => "slow",
      run: () => new Promise((resolve) => setTimeout(() => resolve("done late"), 400)),
    });
    const real = registry.get("health.acknowledge")!;
    registry.set("health.acknowledge", slow as ActionDefinition);
    try {
      const err = await rejection(runAction({ id: "health.acknowledge", request: { input: {} }, actor: sre, store: t.store }));
      expect(err.status).toBe(504);
      expect(err.message).toMatch(/outcome is unknown/);
      const now = (await listAuditEvents(t.store, { action: "health.acknowledge" }, { limit: 10 })).events;
      expect(now.map((e) => e.outcome)).toEqual(["unknown", "started"]);
      await new Promise((r) => setTimeout(r, 600));
      const later = (await listAuditEvents(t.store, { action: "health.acknowledge" }, { limit: 10 })).events;
      expect(later.map((e) => [e.outcome, e.error])).toEqual([
        ["ok", "Finished after its timeout."],
        ["unknown", "No answer within 100 ms; the outcome is unknown until it finishes."],
        ["started", null],
      ]);
    } finally {
      registry.set("health.acknowledge", real);
      await t.dispose();
    }
  });
});
