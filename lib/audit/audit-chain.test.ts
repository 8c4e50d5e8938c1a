import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestStore, STORE_KINDS, type TestStore } from "@/test/stores";
import { appendAuditEvent } from "./append-event";
import { GENESIS_HASH } from "./hash";
import { iterateAuditEvents, listAuditEvents } from "./query-events";
import { REDACTED } from "./redact";
import { sweepOrphanIntents } from "./sweep-orphans";
import { verifyAuditChain } from "./verify-chain";

describe.each(STORE_KINDS)("audit log on %s", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore(kind);
  });
  afterAll(async () => t?.dispose());

  const event = (over: Partial<Parameters<typeof appendAuditEvent>[1]> = {}) => ({
    actionId: randomUUID(),
    stage: "intent" as const,
    actor: "sre@phoenix.local",
    actorRole: "sre",
    action: "health.acknowledge",
    target: "health:redis",
    input: { note: "looked at it" },
    outcome: "started" as const,
    ...over,
  });

  it("links each event to the one before it and verifies", async () => {
    const first = await appendAuditEvent(t.store, event());
    const second = await appendAuditEvent(t.store, event({ stage: "outcome", outcome: "ok", actionId: first.actionId }));
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    const verdict = await verifyAuditChain(t.store);
    expect(verdict).toMatchObject({ ok: true, checked: 2, headHash: second.hash });
  });

  it("keeps one chain when many appends race", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAuditEvent(t.store, event({ target: `race:${i}` }))));
    const verdict = await verifyAuditChain(t.store);
    expect(verdict.ok).toBe(true);
    expect(verdict.checked).toBe(22);
  });

  it("never stores secrets from the input", async () => {
    const e = await appendAuditEvent(
      t.store,
      event({ input: { email: "x@y.z", password: "hunter2", nested: { apiToken: "abc" }, url: "postgres://u:pw@db/x" } }),
    );
    expect(e.input).toEqual({ email: "x@y.z", password: REDACTED, nested: { apiToken: REDACTED }, url: `postgres://u:${REDACTED}@db/x` });
  });

  it("refuses UPDATE and DELETE through the trigger", async () => {
    await expect(t.superuserSql(`UPDATE audit_events SET actor = 'mallory' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.superuserSql(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.superuserSql(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it("lists newest first with keyset pages and filters", async () => {
    const page1 = await listAuditEvents(t.store, {}, { limit: 10 });
    expect(page1.events).toHaveLength(10);
    expect(BigInt(page1.events[0]!.seq)).toBeGreaterThan(BigInt(page1.events[9]!.seq));
    const page2 = await listAuditEvents(t.store, {}, { limit: 10, cursor: page1.nextCursor! });
    expect(BigInt(page2.events[0]!.seq)).toBeLessThan(BigInt(page1.events[9]!.seq));
    const all = [];
    for await (const row of iterateAuditEvents(t.store, {}, 7)) all.push(row);
    expect(all).toHaveLength(23);
    const oks = await listAuditEvents(t.store, { outcome: "ok" }, { limit: 50 });
    expect(oks.events.map((e) => e.outcome)).toEqual(["ok"]);
    const none = await listAuditEvents(t.store, { actor: "nobody" }, { limit: 50 });
    expect(none.events).toEqual([]);
    const future = await listAuditEvents(t.store, { from: new Date(Date.now() + 60_000).toISOString() }, { limit: 50 });
    expect(future.events).toEqual([]);
  });

  it("records outcome unknown for an intent whose process died", async () => {
    const orphan = await appendAuditEvent(t.store, event({ target: "orphan" }));
    expect(await sweepOrphanIntents(t.store, 60_000)).toBe(0); // too young: may still be running
    // Two replicas sweeping at the same moment record one outcome between them.
    const swept = await Promise.all([sweepOrphanIntents(t.store, 0), sweepOrphanIntents(t.store, 0)]);
    expect(swept[0] + swept[1]).toBe(22); // the orphan and the 21 intents written above without outcomes
    const outcome = await listAuditEvents(t.store, { outcome: "unknown" }, { limit: 50 });
    expect(outcome.events.map((e) => e.actionId)).toContain(orphan.actionId);
    expect(outcome.events).toHaveLength(22);
    expect(await sweepOrphanIntents(t.store, 0)).toBe(0);
  });

  it("names the first altered event when the trigger is bypassed", async () => {
    const before = await verifyAuditChain(t.store);
    expect(before.ok).toBe(true);
    // A superuser can switch triggers off for the session; the chain still tells.
    await t.superuserSql(`SET session_replication_role = replica; UPDATE audit_events SET reason = 'covered up' WHERE seq = 3; SET session_replication_role = origin;`);
    const after = await verifyAuditChain(t.store);
    expect(after).toMatchObject({ ok: false, checked: 2, firstUnvouched: { seq: "3", position: "3" } });
    if (!after.ok) expect(after.firstUnvouched.problem).toMatch(/altered/);
  });

  it("names the event after a deleted one", async () => {
    await t.superuserSql(`SET session_replication_role = replica; DELETE FROM audit_events WHERE seq = 3; SET session_replication_role = origin;`);
    const after = await verifyAuditChain(t.store);
    // The position counter shows the hole even before the broken link does.
    expect(after).toMatchObject({ ok: false, checked: 2, firstUnvouched: { seq: "4", position: "4" } });
    if (!after.ok) expect(after.firstUnvouched.problem).toMatch(/event 3 is missing before it: removed/);
  });
});
