// The runbook catalogue against the seed, and the run state machine on a real store.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/actions/registry";
import { AppError } from "@/lib/api/errors";
import { makeTestStore, type TestStore } from "@/test/stores";
import { askedFields, findRunbook, referencedParameters, resolveParameters, RUNBOOKS, runbookVersion, stepInput } from "./catalogue";
import { CHECKS } from "./checks";
import { isReading } from "./types";
import { configuredNotify, escalateDueRuns } from "./escalation";
import { postWebhook } from "@/lib/ops/notify/post-webhook";
import { applyStepOp, finishRun, getRun, startRun } from "./runs";
import { timelineMarkdown } from "./timeline";

// The seed the runbooks come from, kept in the repository (docs/) so the check needs nothing outside it.
const seed = readFileSync(new URL("../../docs/phoenix-runbooks.md", import.meta.url), "utf8");
const seedRunbooks = [...seed.matchAll(/^### (\d\.\d) (.+)$/gm)].map((m) => ({ number: m[1]!, title: m[2]!.trim() }));

const defaults = (id: string) => resolveParameters(findRunbook(id)!, {}).values;

describe("runbook definitions", () => {
  it("has every runbook of the seed, in order, with the seed's titles", () => {
    expect(seedRunbooks.length).toBe(18);
    expect(RUNBOOKS.map((r) => ({ number: r.number, title: r.title }))).toEqual(seedRunbooks);
    expect(new Set(RUNBOOKS.map((r) => r.id)).size).toBe(RUNBOOKS.length);
  });

  for (const runbook of RUNBOOKS) {
    it(`${runbook.number} ${runbook.title}: steps reference real checks, actions and parameters, with valid inputs`, () => {
      expect(runbook.id.startsWith(`${runbook.number}-`)).toBe(true);
      expect(new Set(runbook.steps.map((s) => s.id)).size).toBe(runbook.steps.length);
      const params = runbook.parameters.map((p) => p.name);
      for (const name of referencedParameters(runbook)) expect(params, `${runbook.id} uses {{${name}}}`).toContain(name);
      const values = resolveParameters(runbook, Object.fromEntries(runbook.parameters.map((p) => [p.name, p.default || "x1"]))).values;
      for (const step of runbook.steps) {
        expect(step.title.length).toBeGreaterThan(3);
        if (step.kind === "manual") expect(step.command ?? step.instructions).toBeTruthy();
        if (isReading(step)) {
          const parsed = CHECKS[step.check].input.safeParse(stepInput(step, values));
          expect(parsed.success, `${runbook.id}/${step.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        }
        if (step.kind === "action") {
          const def = ACTIONS.get(step.action);
          expect(def, `${runbook.id}/${step.id} → ${step.action}`).toBeDefined();
          const parsed = def!.input.safeParse(stepInput(step, values));
          expect(parsed.success, `${runbook.id}/${step.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        }
      }
    });
  }

  it("fills inputs from parameters, templates and answers; asked fields carry their defaults", () => {
    const rb = findRunbook("2.1-api-service-down")!;
    const params = { ...defaults(rb.id), deployment: "phoenix-api" };
    expect(stepInput(rb.steps.find((s) => s.id === "pods")!, params)).toEqual({ namespace: "phoenix-system", selector: "app=phoenix-api" });
    const scale = rb.steps.find((s) => s.id === "scale")!;
    expect(askedFields(scale, params)).toEqual([{ field: "replicas", label: "Replicas", type: "number", help: undefined, default: 5 }]);
    expect(stepInput(scale, params, { replicas: "7" })).toEqual({ namespace: "phoenix-system", name: "phoenix-api", replicas: 7 });
  });

  it("refuses unknown and malformed parameters, naming them", () => {
    const rb = findRunbook("2.1-api-service-down")!;
    expect(resolveParameters(rb, { deployment: "Bad Name!", colour: "red" }).issues).toEqual([
      { path: "parameters.colour", message: "unknown parameter" },
      { path: "parameters.deployment", message: 'Deployment: "Bad Name!" is not valid' },
    ]);
  });

  it("versions a definition by its content", () => {
    const rb = findRunbook("1.1-quick-health-check")!;
    expect(runbookVersion(rb)).toMatch(/^[0-9a-f]{12}$/);
    expect(runbookVersion({ ...rb, title: "changed" })).not.toBe(runbookVersion(rb));
  });
});

describe("runs", () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore("pglite");
    delete process.env.KUBECONFIG;
  });
  afterAll(async () => t?.dispose());

  const fail = async (p: Promise<unknown>) => {
    const err = await p.then(() => null, (e: unknown) => e);
    if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
    return err;
  };

  it("starts with every step pending, the parameters resolved and an escalation deadline", async () => {
    const run = await startRun(t.store, { runbookId: "2.1-api-service-down", parameters: {} }, "sre@phoenix.local");
    expect(run).toMatchObject({ status: "in_progress", severity: "SEV1", startedBy: "sre@phoenix.local", parameters: { namespace: "phoenix-system", deployment: "phoenix-api", container: "api" }, currentVersion: true });
    expect(run.steps.map((s) => [s.stepId, s.state])).toEqual(findRunbook("2.1-api-service-down")!.steps.map((s) => [s.id, "pending"]));
    expect(Date.parse(run.escalateAt!) - Date.parse(run.startedAt)).toBe(15 * 60_000);
    expect(run.events.map((e) => e.kind)).toEqual(["started"]);
    expect((await fail(startRun(t.store, { runbookId: "2.1-api-service-down", parameters: { deployment: "NOPE!" } }, "x"))).code).toBe("VALIDATION_FAILED");
    expect((await fail(startRun(t.store, { runbookId: "9.9-nothing", parameters: {} }, "x"))).code).toBe("NOT_FOUND");
  });

  it("records manual steps, skips with reasons, failed checks that can be retried, and refuses changes once resolved", async () => {
    const { id } = await startRun(t.store, { runbookId: "2.3-database-connection-pool-exhausted", parameters: {} }, "sre@phoenix.local");
    let run = await applyStepOp(t.store, id, "pool-size", { op: "complete", note: "max_client_conn 200 → 400" }, "sre@phoenix.local");
    expect(run.steps.find((s) => s.stepId === "pool-size")).toMatchObject({ state: "done", note: "max_client_conn 200 → 400", actor: "sre@phoenix.local" });
    expect((await fail(applyStepOp(t.store, id, "connections", { op: "complete" }, "x"))).code).toBe("CONFLICT");
    expect((await fail(applyStepOp(t.store, id, "pool-size", { op: "complete" }, "x"))).code).toBe("CONFLICT");

    // No Phoenix database configured here: the query fails with the reason, and can run again.
    run = await applyStepOp(t.store, id, "connections", { op: "check" }, "sre@phoenix.local");
    expect(run.steps.find((s) => s.stepId === "connections")).toMatchObject({ state: "failed", attempts: 1, error: expect.stringMatching(/PHOENIX_DATABASE_URL is not configured/) });
    run = await applyStepOp(t.store, id, "connections", { op: "check" }, "sre@phoenix.local");
    expect(run.steps.find((s) => s.stepId === "connections")).toMatchObject({ state: "failed", attempts: 2 });

    run = await applyStepOp(t.store, id, "leaks", { op: "skip", reason: "one client only" }, "lead@phoenix.local");
    expect(run.steps.find((s) => s.stepId === "leaks")).toMatchObject({ state: "skipped", note: "one client only", actor: "lead@phoenix.local" });
    expect((await fail(applyStepOp(t.store, id, "nope", { op: "complete" }, "x"))).code).toBe("NOT_FOUND");

    run = await finishRun(t.store, id, "resolved", "pool raised, leak fixed", "sre@phoenix.local");
    expect(run.status).toBe("resolved");
    expect(run.endedAt).not.toBeNull();
    expect((await fail(applyStepOp(t.store, id, "by-application", { op: "check" }, "x"))).code).toBe("CONFLICT");
    expect((await fail(finishRun(t.store, id, "abandoned", "again", "x"))).code).toBe("CONFLICT");
    expect(run.events.map((e) => e.kind)).toEqual(["started", "done", "step-failed", "step-failed", "skipped", "resolved"]);
    expect(run.revision).toBe(5);
  });

  it("lets only one of two people complete the same step", async () => {
    const { id } = await startRun(t.store, { runbookId: "4.1-database-backup", parameters: {} }, "sre@phoenix.local");
    const results = await Promise.allSettled([
      applyStepOp(t.store, id, "dump", { op: "complete" }, "a@phoenix.local"),
      applyStepOp(t.store, id, "dump", { op: "complete" }, "b@phoenix.local"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("CONFLICT");
    const run = await getRun(t.store, id);
    expect(run.events.filter((e) => e.kind === "done")).toHaveLength(1);
  });
});

describe("escalation timers and the exported timeline", () => {
  let t: TestStore;
  const received: { text: string }[] = [];
  let answer = 200;
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push(JSON.parse(body) as { text: string });
      res.writeHead(answer).end();
    });
  });
  let webhook = "";
  beforeAll(async () => {
    t = await makeTestStore("pglite");
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    webhook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/oncall`;
  });
  afterAll(async () => {
    receiver.close();
    await t?.dispose();
  });
  const notify = (text: string) => postWebhook({ url: webhook, text, timeoutMs: 2000 });

  it("escalates an open run at its deadline, once, posting to the webhook, auditing it and putting it on the timeline", async () => {
    const run = await startRun(t.store, { runbookId: "2.1-api-service-down", parameters: {} }, "sre@phoenix.local");
    const started = Date.parse(run.startedAt);
    expect(await escalateDueRuns(t.store, { now: new Date(started + 14 * 60_000), notify, baseUrl: "https://ops.example" })).toEqual([]);
    expect(await escalateDueRuns(t.store, { now: new Date(started + 15 * 60_000 + 1), notify, baseUrl: "https://ops.example" })).toEqual([run.id]);
    expect(await escalateDueRuns(t.store, { now: new Date(started + 16 * 60_000), notify })).toEqual([]);
    expect(received).toEqual([{ text: expect.stringMatching(new RegExp(`^\\[SEV1\\] Runbook 2.1 API Service Down is not resolved: If not resolved in 15 minutes, page on-call SRE\\..* https://ops.example/runs/${run.id}$`)) }]);
    const after = await getRun(t.store, run.id);
    expect(after).toMatchObject({ status: "escalated", escalatedAt: new Date(started + 15 * 60_000 + 1).toISOString() });
    expect(after.events.at(-1)).toMatchObject({ kind: "escalated", actor: "system:escalation-timer", message: "Escalated: If not resolved in 15 minutes, page on-call SRE; notified the on-call webhook" });
    const audit = await t.store.prisma.auditEvent.findMany({ where: { action: "runbook.escalate" }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => [e.stage, e.outcome, e.target])).toEqual([["intent", "started", `run:${run.id}`], ["outcome", "ok", `run:${run.id}`]]);
    // An escalated run can still be worked and resolved.
    await applyStepOp(t.store, run.id, "verify", { op: "skip", reason: "paged; the on-call SRE took over" }, "sre@phoenix.local");
    expect((await finishRun(t.store, run.id, "resolved", "on-call fixed it", "oncall@phoenix.local")).status).toBe("resolved");
  });

  it("records a failed notification as such, and runs without a deadline never escalate", async () => {
    answer = 500;
    const run = await startRun(t.store, { runbookId: "2.1-api-service-down", parameters: {} }, "sre@phoenix.local");
    const quiet = await startRun(t.store, { runbookId: "2.2-high-experiment-failure-rate", parameters: {} }, "sre@phoenix.local");
    expect(quiet.escalateAt).toBeNull();
    const ids = await escalateDueRuns(t.store, { now: new Date(Date.parse(run.startedAt) + 60 * 60_000), notify });
    expect(ids).toEqual([run.id]);
    expect((await getRun(t.store, run.id)).events.at(-1)!.message).toMatch(/the notification failed: the webhook answered HTTP 500/);
    expect((await getRun(t.store, quiet.id)).status).toBe("in_progress");
    expect(configuredNotify()).toBeNull(); // NOTIFY_WEBHOOK_URL is not set in tests
  });

  it("exports the run as Markdown: header, every step with who and when, the timeline with times from the start", async () => {
    const run = await startRun(t.store, { runbookId: "2.3-database-connection-pool-exhausted", parameters: {} }, "sre@phoenix.local");
    await applyStepOp(t.store, run.id, "pool-size", { op: "complete", note: "max_client_conn | 400" }, "sre@phoenix.local");
    await applyStepOp(t.store, run.id, "leaks", { op: "skip", reason: "not relevant" }, "lead@phoenix.local");
    const done = await finishRun(t.store, run.id, "resolved", "pool raised", "sre@phoenix.local");
    const md = timelineMarkdown(done, findRunbook(done.runbookId)!);
    expect(md).toMatch(/^# 2.3 Database Connection Pool Exhausted\n/);
    expect(md).toContain("- Status: resolved · severity SEV1");
    expect(md).toContain("| 6 | Scale up database connections temporarily | manual | done | sre@phoenix.local |");
    expect(md).toContain("| max_client_conn \\| 400 |");
    expect(md).toMatch(/\| 7 \| Identify connection leaks \| check \| skipped \| lead@phoenix.local \|/);
    expect(md).toMatch(/\| 1 \| Check current connections \| query \| pending \|/);
    const timeline = md.split("## Timeline")[1]!.trim().split("\n").slice(2);
    expect(timeline).toHaveLength(4);
    expect(timeline[0]).toMatch(/^\| \S+Z \| 0s \| sre@phoenix.local \| Started runbook 2.3/);
    expect(timeline[3]).toContain("Resolved: pool raised");
  });
});
