// The runbook catalogue against the seed, and the run state machine on a real store.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/actions/registry";
import { runbookStart } from "@/lib/actions/runbook-actions";
import { AppError } from "@/lib/errors";
import { makeTestStore, type TestStore } from "@/test/stores";
import { askedFields, findRunbook, referencedParameters, resolveParameters, RUNBOOKS, runbookVersion, stepInput } from "./catalogue";
import { CHECKS } from "./checks";
import { isReading } from "./types";
import { parametersFromAlert, runbookForAlert } from "./alert-link";
import { configuredNotify } from "./escalation";
import { catalogue } from "./views";
import { runSystemAction } from "@/lib/actions/run-action";
import { failInterruptedSteps } from "@/lib/actions/system-sweeps";
import { applyStepOp, beginActionStep, finishActionStep, finishRun, getRun, startRun } from "./runs";
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

  it("fills nested inputs: asked fields by their path", () => {
    const step = findRunbook("2.3-database-connection-pool-exhausted")!.steps.find((s) => s.id === "pool-size")!;
    expect(askedFields(step, {}).map((a) => [a.field, a.default])).toEqual([["edits.0.value", "400"], ["edits.1.value", "40"]]);
    expect(stepInput(step, {}, { "edits.1.value": "60" })).toEqual({
      namespace: "phoenix-system", name: "pgbouncer-config", key: "pgbouncer.ini",
      edits: [{ setting: "max_client_conn", value: "400" }, { setting: "default_pool_size", value: "60" }],
    });
  });

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

  it("leads each of the project's alerts to its runbook, prefilled from the alert's labels", () => {
    const rules = readFileSync(new URL("../../prometheus/phoenix-alerts.yml", import.meta.url), "utf8");
    const alerts = [...rules.matchAll(/- alert: (\w+)[\s\S]*?runbook_url: "([^"]+)"/g)].map((m) => ({ name: m[1]!, runbookUrl: m[2]! }));
    expect(alerts.map((a) => [a.name, runbookForAlert(a, catalogue())?.number])).toEqual([
      ["PhoenixAPIDown", "2.1"],
      ["HighExperimentFailureRate", "2.2"],
      ["DatabaseConnectionPoolExhausted", "2.3"],
      ["CollectorHighMemoryUsage", "2.4"],
    ]);
    // By name when the alert has no runbook_url (or an unknown one).
    expect(runbookForAlert({ name: "CollectorHighMemoryUsage", runbookUrl: null }, catalogue())?.id).toBe("2.4-otel-collector-high-memory");
    expect(runbookForAlert({ name: "SomethingElse", runbookUrl: "https://wiki/x" }, catalogue())).toBeNull();
    const rb = catalogue().find((r) => r.number === "2.4")!;
    expect(parametersFromAlert({ labels: { node: "phoenix-node-1", pod: "otel-collector-x" } }, rb)).toEqual({ node: "phoenix-node-1" });
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
    return Object.assign(err, { issues: err.details.issues });
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
    const { id } = await startRun(t.store, { runbookId: "6.1-api-slow-response", parameters: {} }, "sre@phoenix.local");
    let run = await applyStepOp(t.store, id, "slow-queries", { op: "complete", note: "one query at 900 ms" }, "sre@phoenix.local");
    expect(run.steps.find((s) => s.stepId === "slow-queries")).toMatchObject({ state: "done", note: "one query at 900 ms", actor: "sre@phoenix.local" });
    expect((await fail(applyStepOp(t.store, id, "resources", { op: "complete" }, "x"))).code).toBe("CONFLICT");
    expect((await fail(applyStepOp(t.store, id, "slow-queries", { op: "complete" }, "x"))).code).toBe("CONFLICT");

    // No cluster configured here: the check fails with the reason, and can run again.
    run = await applyStepOp(t.store, id, "resources", { op: "check" }, "sre@phoenix.local");
    expect(run.steps.find((s) => s.stepId === "resources")).toMatchObject({ state: "failed", attempts: 1, error: expect.stringMatching(/No cluster is configured/) });
    run = await applyStepOp(t.store, id, "resources", { op: "check" }, "sre@phoenix.local");
    expect(run.steps.find((s) => s.stepId === "resources")).toMatchObject({ state: "failed", attempts: 2 });

    run = await applyStepOp(t.store, id, "traces", { op: "skip", reason: "no tracing here" }, "lead@phoenix.local");
    expect(run.steps.find((s) => s.stepId === "traces")).toMatchObject({ state: "skipped", note: "no tracing here", actor: "lead@phoenix.local" });
    expect((await fail(applyStepOp(t.store, id, "nope", { op: "complete" }, "x"))).code).toBe("NOT_FOUND");

    run = await finishRun(t.store, id, "resolved", "index added", "sre@phoenix.local");
    expect(run.status).toBe("resolved");
    expect(run.endedAt).not.toBeNull();
    expect((await fail(applyStepOp(t.store, id, "latency", { op: "check" }, "x"))).code).toBe("CONFLICT");
    expect((await fail(finishRun(t.store, id, "abandoned", "again", "x"))).code).toBe("CONFLICT");
    expect(run.events.map((e) => e.kind)).toEqual(["started", "done", "step-failed", "step-failed", "skipped", "resolved"]);
    expect(run.revision).toBe(5);
  });

  it("keeps a temporary mitigation open until its undo step is done, or someone records why it stays", async () => {
    const rb = findRunbook("2.2-high-experiment-failure-rate")!;
    const step = (id: string) => rb.steps.find((s) => s.id === id)!;
    // The action's own path is tested against the sandbox; here its result is recorded as the route records it.
    const actionDone = async (runId: string, stepId: string) => {
      await beginActionStep(t.store, runId, stepId, "sre@phoenix.local");
      await finishActionStep(t.store, runId, step(stepId), "sre@phoenix.local", { ok: true, actionId: "00000000-0000-4000-8000-000000000001", output: {} });
    };
    const a = await startRun(t.store, { runbookId: rb.id, parameters: {} }, "sre@phoenix.local");
    expect((await getRun(t.store, a.id)).obligations).toEqual([]);
    await actionDone(a.id, "pause");
    let run = await getRun(t.store, a.id);
    expect(run.obligations).toEqual([
      expect.objectContaining({ id: "controller-paused", state: "open", openedBy: "sre@phoenix.local", openedByStep: "pause", closingStep: "resume" }),
    ]);
    await actionDone(a.id, "resume");
    run = await getRun(t.store, a.id);
    expect(run.obligations).toEqual([expect.objectContaining({ id: "controller-paused", state: "closed", closedBy: "sre@phoenix.local" })]);
    expect((await fail(applyStepOp(t.store, a.id, "pause", { op: "waive", reason: "x" }, "x"))).code).toBe("CONFLICT");

    const b = await startRun(t.store, { runbookId: rb.id, parameters: {} }, "sre@phoenix.local");
    await actionDone(b.id, "pause");
    run = await applyStepOp(t.store, b.id, "pause", { op: "waive", reason: "controller stays off until the vendor fix ships" }, "lead@phoenix.local");
    expect(run.obligations).toEqual([expect.objectContaining({ state: "waived", closedBy: "lead@phoenix.local", reason: "controller stays off until the vendor fix ships" })]);
    expect(run.events.at(-1)!.message).toMatch(/^Obligation stays: experiment-controller is scaled to 0/);
  });

  it("starts drills only of runbooks that have one, and only against a sandbox cluster", async () => {
    const ctx = { actor: { email: "sre@phoenix.local", role: "sre" as const, via: "web" as const }, store: t.store, actionId: "x", signal: new AbortController().signal, runSystem: runSystemAction };
    const noDrill = await runbookStart.run({ runbookId: "4.1-database-backup", parameters: {}, drill: true }, ctx).then(() => null, (e: unknown) => e);
    expect(noDrill).toMatchObject({ code: "VALIDATION_FAILED", message: "Runbook 4.1-database-backup has no drill scenario." });
    const noCluster = await runbookStart.run({ runbookId: "2.4-otel-collector-high-memory", parameters: {}, drill: true }, ctx).then(() => null, (e: unknown) => e);
    expect(noCluster).toMatchObject({ code: "DEPENDENCY_FAILED", message: expect.stringMatching(/No cluster is configured/) });
    expect(await t.store.prisma.runbookRun.count({ where: { drill: true } })).toBe(0);
  });

  it("records a decision and skips the steps it rules out", async () => {
    const { id } = await startRun(t.store, { runbookId: "2.1-api-service-down", parameters: {} }, "sre@phoenix.local");
    expect((await fail(applyStepOp(t.store, id, "triage", { op: "decide", choice: "Maybe" }, "x"))).issues).toEqual([
      { path: "choice", message: "one of: Crashing or not ready | Running but saturated | Healthy" },
    ]);
    const run = await applyStepOp(t.store, id, "triage", { op: "decide", choice: "Healthy" }, "sre@phoenix.local");
    expect(run.steps.find((s) => s.stepId === "triage")).toMatchObject({ state: "done", output: { choice: "Healthy" } });
    expect(run.steps.filter((s) => s.state === "skipped").map((s) => [s.stepId, s.note])).toEqual([
      ["restart", "not needed: Healthy"],
      ["scale", "not needed: Healthy"],
    ]);
    expect(run.events.at(-1)!.message).toBe("What do the pods show?: Healthy → check the database and the recent deployments");
  });

  it("fails a step a stopped console left running, so it can be retried", async () => {
    const { id } = await startRun(t.store, { runbookId: "2.1-api-service-down", parameters: {} }, "sre@phoenix.local");
    await beginActionStep(t.store, id, "restart", "sre@phoenix.local");
    expect(await failInterruptedSteps(t.store, 60_000)).toBe(0); // still within the action's time
    expect(await failInterruptedSteps(t.store, 60_000, new Date(Date.now() + 120_000))).toBe(1);
    const run = await getRun(t.store, id);
    expect(run.steps.find((s) => s.stepId === "restart")).toMatchObject({ state: "failed", error: expect.stringMatching(/^The console stopped while this step ran/) });
    expect(run.events.at(-1)!.message).toBe('Step "restart" was interrupted by a console restart');
    const audit = await t.store.prisma.auditEvent.findMany({ where: { action: "runbook.fail-interrupted-step" }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => [e.stage, e.outcome, e.actor, e.onBehalfOf, e.target])).toEqual([
      ["intent", "started", "system:run-sweeper", "sre@phoenix.local", `run:${id} step:restart`],
      ["outcome", "ok", "system:run-sweeper", "sre@phoenix.local", `run:${id} step:restart`],
    ]);
    await beginActionStep(t.store, id, "restart", "sre@phoenix.local"); // a retry may start again
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

// Escalation timers are tested in escalation.test.ts (with a webhook configured).
describe("the exported timeline", () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeTestStore("pglite");
  });
  afterAll(async () => t?.dispose());

  it("sends no notification when NOTIFY_WEBHOOK_URL is not set", () => {
    expect(configuredNotify()).toBeNull();
  });

  it("exports the run as Markdown: header, every step with who and when, the timeline with times from the start", async () => {
    const run = await startRun(t.store, { runbookId: "6.1-api-slow-response", parameters: {} }, "sre@phoenix.local");
    await applyStepOp(t.store, run.id, "slow-queries", { op: "complete", note: "mean_time | 900 ms" }, "sre@phoenix.local");
    await applyStepOp(t.store, run.id, "traces", { op: "skip", reason: "not relevant" }, "lead@phoenix.local");
    const done = await finishRun(t.store, run.id, "resolved", "index added", "sre@phoenix.local");
    const md = timelineMarkdown(done, findRunbook(done.runbookId)!);
    expect(md).toMatch(/^# 6.1 API Slow Response\n/);
    expect(md).toContain("- Status: resolved\n");
    expect(md).toContain("| 2 | Get slow query log | manual | done | sre@phoenix.local |");
    expect(md).toContain("| mean_time \\| 900 ms |");
    expect(md).toMatch(/\| 6 \| Analyze traces \| manual \| skipped \| lead@phoenix.local \|/);
    expect(md).toMatch(/\| 1 \| Check current latency \| check \| pending \|/);
    const timeline = md.split("## Timeline")[1]!.trim().split("\n").slice(2);
    expect(timeline).toHaveLength(4);
    expect(timeline[0]).toMatch(/^\| \S+Z \| 0s \| sre@phoenix.local \| Started runbook 6.1/);
    expect(timeline[3]).toContain("Resolved: index added");
  });
});
