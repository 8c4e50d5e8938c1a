// Free text every viewer reads (a request's description and CI URL, a decision's comment, a
// run's notes) keeps no URL credentials as stored; a CI URL is an http(s) link or nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorRef } from "@/lib/actions/define-action";
import { actOn, PEOPLE, refusal } from "@/test/actions";
import { useSandboxCluster } from "@/test/sandbox-cluster";
import { makeTestStore, type TestStore } from "@/test/stores";
import { runPreChecks } from "./checks";
import { type DeploymentView, getDeploymentRequest } from "./requests";

useSandboxCluster();
let t: TestStore;
beforeAll(async () => {
  t = await makeTestStore("pglite");
});
afterAll(async () => t?.dispose());

const { sre, lead } = PEOPLE;
const act = <T = DeploymentView>(id: string, actor: ActorRef, input: unknown) => actOn(() => t.store)<T>(id, actor, input);
const SECRET = "hunter2-in-the-text";

describe("free text", () => {
  it("keeps no URL credentials in a deployment's description, CI URL or decision comment", async () => {
    const req = await act("deploy.request", sre, {
      version: "v3.0.0",
      environment: "staging",
      services: ["api"],
      description: `migrates postgres://app:${SECRET}@db:5432/phoenix first`,
      ciUrl: `https://bot:${SECRET}@ci.example/runs/7?token=${SECRET}`,
    });
    await act("deploy.update", sre, { id: req.id, description: `now via redis://:${SECRET}@cache:6379` });
    await act("deploy.reject", lead, { id: req.id, comment: `try http://admin:${SECRET}@gateway/health first` });
    const row = await t.store.prisma.deploymentRequest.findUniqueOrThrow({ where: { id: req.id }, include: { decisions: true } });
    expect(JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(SECRET);
    expect(row.description).toBe("now via redis://:[REDACTED]@cache:6379");
    expect(row.ciUrl).toBe("https://bot:[REDACTED]@ci.example/runs/7?token=[REDACTED]");
    expect(row.decisions[0]!.comment).toBe("try http://admin:[REDACTED]@gateway/health first");
  });

  it("keeps no URL credentials in a run's notes, reasons and timeline", async () => {
    const run = await act<{ id: string }>("runbook.start", sre, { runbookId: "2.1-api-service-down", parameters: {} });
    await act("runbook.step", sre, { runId: run.id, stepId: "verify", step: { op: "note", note: `pg at postgres://app:${SECRET}@db/phoenix` } });
    await act("runbook.step", sre, { runId: run.id, stepId: "logs", step: { op: "skip", reason: `see https://u:${SECRET}@wiki/x` } });
    await act("runbook.step", sre, { runId: run.id, stepId: "triage", step: { op: "decide", choice: "Healthy", note: `done, https://u:${SECRET}@ci/1` } });
    await act("runbook.finish", sre, { runId: run.id, status: "resolved", note: `fixed with redis://:${SECRET}@cache` });
    const stored = await t.store.prisma.runbookRun.findUniqueOrThrow({ where: { id: run.id }, include: { steps: true, events: true } });
    const text = JSON.stringify(stored, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    expect(text).not.toContain(SECRET);
    expect(text).toContain("[REDACTED]");
  });

  it("takes only an http(s) CI URL, and counts nothing else as CI attestation", async () => {
    for (const ciUrl of ["javascript:alert(document.cookie)", "file:///etc/passwd", "data:text/html,hi", "ftp://ci.example/run/1"]) {
      const err = await refusal(act("deploy.request", sre, { version: "v3.0.1", environment: "staging", services: ["api"], description: "a release", ciUrl }));
      expect(err.status).toBe(422);
      expect(err.details.issues!.map((i) => i.path)).toEqual(["input.ciUrl"]);
    }
    // A row written before the rule: its javascript: URL attests nothing.
    const req = await act("deploy.request", sre, { version: "v3.0.2", environment: "staging", services: ["api"], description: "a release" });
    await t.store.prisma.deploymentRequest.update({ where: { id: req.id }, data: { ciUrl: "javascript:alert(1)" } });
    const report = await runPreChecks(t.store, await getDeploymentRequest(t.store, req.id));
    expect(report.checks.find((c) => c.id === "ci")).toMatchObject({ state: "failed" });
  });
});
