// Deployment requests through the action path on a real store: four eyes, roles, a change
// after approval, rejection, and the audit trail naming requester and approver.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorRef } from "@/lib/actions/define-action";
import { actOn, PEOPLE, refusal } from "@/test/actions";
import { useSandboxCluster } from "@/test/sandbox-cluster";
import { makeTestStore, type TestStore } from "@/test/stores";
import type { DeploymentView } from "./requests";

// Approval runs a server-side dry run of each change against the cluster.
useSandboxCluster();
let t: TestStore;
beforeAll(async () => {
  t = await makeTestStore("pglite");
});
afterAll(async () => t?.dispose());

const { sre, sre2, lead } = PEOPLE;
const leadRequester: ActorRef = { email: "lead2@phoenix.local", role: "lead", via: "web" };
const act = (id: string, actor: ActorRef, input: unknown) => actOn(() => t.store)<DeploymentView>(id, actor, input);
const refused = refusal;

describe("deployment requests", () => {
  it("are requested with what they deploy where, and approved only by a lead who did not request them", async () => {
    const req = await act("deploy.request", sre, { version: "v2.4.0", environment: "production", services: ["api", "controller"], description: "release 2.4" });
    expect(req).toMatchObject({ status: "open", namespace: "phoenix-system", revision: 1, required: ["lead"], approval: { state: "pending", missing: ["lead"] } });
    expect(req.services).toEqual([
      { service: "api", deployment: "phoenix-api", container: "api", image: "ghcr.io/phoenix/platform/api:v2.4.0" },
      { service: "controller", deployment: "experiment-controller", container: "controller", image: "ghcr.io/phoenix/platform/controller:v2.4.0" },
    ]);
    // An sre cannot approve at all (the policy), and a lead cannot approve their own request.
    expect((await refused(act("deploy.approve", sre2, { id: req.id, comment: "lgtm" }))).code).toBe("FORBIDDEN");
    const own = await act("deploy.request", leadRequester, { version: "v2.4.1", environment: "staging", services: ["api"], description: "hotfix candidate" });
    expect((await refused(act("deploy.approve", leadRequester, { id: own.id, comment: "mine" }))).message).toMatch(/someone else must approve/);

    const approved = await act("deploy.approve", lead, { id: req.id, comment: "checked the diff" });
    expect(approved.approval).toMatchObject({ state: "approved", filled: [{ role: "lead", by: "lead@phoenix.local" }] });

    // The requester changes it: a new revision, and the approval no longer counts.
    const changed = await act("deploy.update", sre, { id: req.id, version: "v2.4.2" });
    expect(changed).toMatchObject({ revision: 2, approval: { state: "pending", discarded: [{ by: "lead@phoenix.local", reason: "changed since" }] } });
    expect(changed.services[0]!.image).toBe("ghcr.io/phoenix/platform/api:v2.4.2");
    expect((await refused(act("deploy.update", sre2, { id: req.id, description: "not mine" }))).code).toBe("FORBIDDEN");

    const rejected = await act("deploy.reject", lead, { id: req.id, comment: "not during the sale" });
    expect(rejected.approval).toMatchObject({ state: "rejected", rejectedBy: { by: "lead@phoenix.local", comment: "not during the sale" } });

    // The audit log names who asked and who decided.
    const audit = await t.store.prisma.auditEvent.findMany({ where: { action: { startsWith: "deploy." }, stage: "outcome" }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => [e.action, e.actor, e.outcome])).toEqual([
      ["deploy.request", "sre@phoenix.local", "ok"],
      ["deploy.approve", "sre2@phoenix.local", "denied"],
      ["deploy.request", "lead2@phoenix.local", "ok"],
      ["deploy.approve", "lead2@phoenix.local", "failed"],
      ["deploy.approve", "lead@phoenix.local", "ok"],
      ["deploy.update", "sre@phoenix.local", "ok"],
      ["deploy.update", "sre2@phoenix.local", "failed"],
      ["deploy.reject", "lead@phoenix.local", "ok"],
    ]);
  });

  it("names bad input: unknown environment or service, a malformed tag", async () => {
    const err = await refused(act("deploy.request", sre, { version: "v2.4.0", environment: "moon", services: ["api", "db"], description: "x y z" }));
    expect(err.details.issues).toEqual([
      { path: "input.environment", message: "one of staging, production" },
      { path: "input.services", message: "unknown: db; known: api, controller, generator" },
    ]);
    expect((await refused(act("deploy.request", sre, { version: "v2.4.0 bad", environment: "staging", services: ["api"], description: "x y z" }))).details.issues).toEqual([
      { path: "input.version", message: "must be an image tag like v2.4.0" },
    ]);
  });
});
