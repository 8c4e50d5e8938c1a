// Escalation timers: a run still open at its deadline is escalated once, through the action
// runner under system:escalation — the audit intent is written before the on-call webhook is
// called, and the outcome says whether it was delivered.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestStore, type TestStore } from "@/test/stores";
import { escalateDueRuns } from "@/lib/actions/system-sweeps";
import { applyStepOp, finishRun, getRun, startRun } from "./runs";

let t: TestStore;
const received: { text: string; intentWritten: boolean }[] = [];
let answer = 200;
// The on-call webhook: when it is hit it looks in the audit log for the escalation's intent.
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const { text } = JSON.parse(body) as { text: string };
    const runId = /\/runs\/([0-9a-f-]{36})$/.exec(text)?.[1] ?? "";
    void t.store.prisma.auditEvent
      .count({ where: { action: "runbook.escalate", stage: "intent", target: `run:${runId}` } })
      .then((n) => {
        received.push({ text, intentWritten: n === 1 });
        res.writeHead(answer).end();
      });
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  // Read by env() on first use, which is after this.
  process.env.NOTIFY_WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/oncall`;
  process.env.NEXTAUTH_URL = "https://ops.example";
  t = await makeTestStore("pglite");
});
afterAll(async () => {
  receiver.close();
  await t?.dispose();
  delete process.env.NOTIFY_WEBHOOK_URL;
  delete process.env.NEXTAUTH_URL;
});

describe("escalation timers", () => {
  it("escalates an open run at its deadline, once, posting to the webhook, auditing it and putting it on the timeline", async () => {
    const run = await startRun(t.store, { runbookId: "2.1-api-service-down", parameters: {} }, "sre@phoenix.local");
    const started = Date.parse(run.startedAt);
    expect(await escalateDueRuns(t.store, { now: new Date(started + 14 * 60_000) })).toEqual([]);
    expect(await escalateDueRuns(t.store, { now: new Date(started + 15 * 60_000 + 1) })).toEqual([run.id]);
    expect(await escalateDueRuns(t.store, { now: new Date(started + 16 * 60_000) })).toEqual([]);
    expect(received.map((r) => r.text)).toEqual([expect.stringMatching(new RegExp(`^\\[SEV1\\] Runbook 2.1 API Service Down is not resolved: If not resolved in 15 minutes, page on-call SRE\\..* https://ops.example/runs/${run.id}$`))]);
    const after = await getRun(t.store, run.id);
    expect(after).toMatchObject({ status: "escalated", escalatedAt: new Date(started + 15 * 60_000 + 1).toISOString() });
    expect(after.events.at(-1)).toMatchObject({ kind: "escalated", actor: "system:escalation", message: "Escalated: If not resolved in 15 minutes, page on-call SRE; notified the on-call webhook" });
    const audit = await t.store.prisma.auditEvent.findMany({ where: { action: "runbook.escalate" }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => [e.stage, e.outcome, e.target, e.actor, e.onBehalfOf])).toEqual([
      ["intent", "started", `run:${run.id}`, "system:escalation", "sre@phoenix.local"],
      ["outcome", "ok", `run:${run.id}`, "system:escalation", "sre@phoenix.local"],
    ]);
    // An escalated run can still be worked and resolved.
    await applyStepOp(t.store, run.id, "verify", { op: "skip", reason: "paged; the on-call SRE took over" }, "sre@phoenix.local");
    expect((await finishRun(t.store, run.id, "resolved", "on-call fixed it", "oncall@phoenix.local")).status).toBe("resolved");
  });

  it("writes its intent before calling the webhook, and records a failed delivery as the outcome 'failed'", async () => {
    answer = 500;
    received.length = 0;
    const run = await startRun(t.store, { runbookId: "2.1-api-service-down", parameters: {} }, "lead@phoenix.local");
    const quiet = await startRun(t.store, { runbookId: "2.2-high-experiment-failure-rate", parameters: {} }, "sre@phoenix.local");
    expect(quiet.escalateAt).toBeNull();
    expect(await escalateDueRuns(t.store, { now: new Date(Date.parse(run.startedAt) + 60 * 60_000) })).toEqual([run.id]);
    expect(received).toEqual([{ text: expect.stringContaining(run.id), intentWritten: true }]);
    expect((await getRun(t.store, run.id)).events.at(-1)!.message).toMatch(/the notification failed: the webhook answered HTTP 500/);
    const audit = await t.store.prisma.auditEvent.findMany({ where: { action: "runbook.escalate", target: `run:${run.id}` }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => [e.stage, e.outcome, e.actor, e.onBehalfOf])).toEqual([
      ["intent", "started", "system:escalation", "lead@phoenix.local"],
      ["outcome", "failed", "system:escalation", "lead@phoenix.local"],
    ]);
    expect(audit[1]!.error).toMatch(/the notification failed: the webhook answered HTTP 500/);
    expect((await getRun(t.store, run.id)).status).toBe("escalated");
    expect((await getRun(t.store, quiet.id)).status).toBe("in_progress");
  });
});
