// A refused action is audited with its input, and that row must hide what an allowed one
// hides: read back from the store, not from what the runner meant to write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestStore, STORE_KINDS, type TestStore } from "@/test/stores";
import { PEOPLE, refusal } from "@/test/actions";
import { runAction } from "./run-action";

describe.each(STORE_KINDS)("a denied action's audit row on %s", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore(kind);
  });
  afterAll(async () => t?.dispose());

  const deniedRows = async () => (await t.store.prisma.auditEvent.findMany({ where: { outcome: "denied", action: "users.create" }, orderBy: { seq: "asc" } }));

  it("keeps no password, whatever the request looked like", async () => {
    const requests = [
      { email: "ops@phoenix.local", role: "admin", password: "hunter2-first-secret" },
      // Fields the schema would refuse: an allowed request never stores them, nor may a refused one.
      { email: "ops@phoenix.local", role: "admin", password: "x", pwd: "hunter2-second-secret", name: "db at postgres://app:hunter2-third-secret@db/phoenix" },
      { email: 42, pw: "hunter2-fourth-secret", nested: { value: "hunter2-fifth-secret" } },
    ];
    for (const input of requests) {
      const err = await refusal(runAction({ id: "users.create", request: { input, reason: "see postgres://app:hunter2-sixth-secret@db" }, actor: PEOPLE.sre, store: t.store }));
      expect(err.status).toBe(403);
    }
    const rows = await deniedRows();
    expect(rows).toHaveLength(requests.length);
    const stored = JSON.stringify(rows.map((r) => ({ input: r.input, reason: r.reason, target: r.target, error: r.error })));
    expect(stored).not.toMatch(/hunter2/);
    // What it asked for stays on the record.
    expect(rows[0]!.input).toEqual({ email: "ops@phoenix.local", role: "admin", password: "[REDACTED]" });
    expect(rows[0]!.target).toBe("user:ops@phoenix.local");
    expect(rows[2]!.input).toMatchObject({ email: 42 });
  });
});
