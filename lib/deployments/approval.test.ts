// Four-eyes rules for deployments: self-approval, roles, expiry, change after approval, policies.
import { describe, expect, it } from "vitest";
import { type Decision, approvalRefusal, approvalStatus, executionRefusal } from "./approval";

const now = new Date("2026-11-26T12:00:00Z");
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const TTL = 240 * 60_000;
const d = (by: string, role: Decision["role"], decision: Decision["decision"] = "approve", minutesAgo = 5, revision = 1, comment = "ok"): Decision => ({ by, role, decision, comment, revision, at: ago(minutesAgo) });
const status = (decisions: Decision[], required: Decision["role"][] = ["lead"], revision = 1) => approvalStatus({ requestedBy: "sre@x", revision, decisions, required, ttlMs: TTL, now });

describe("who may approve", () => {
  it("refuses the requester, and anyone below the policy's lowest role", () => {
    expect(approvalRefusal({ email: "lead@x", role: "lead" }, { requestedBy: "lead@x" }, ["lead"])).toMatch(/someone else must approve/);
    expect(approvalRefusal({ email: "sre2@x", role: "sre" }, { requestedBy: "sre@x" }, ["lead"])).toBe("Needs the lead role to approve (you are sre).");
    expect(approvalRefusal({ email: "lead@x", role: "lead" }, { requestedBy: "sre@x" }, ["lead"])).toBeNull();
    expect(approvalRefusal({ email: "admin@x", role: "admin" }, { requestedBy: "sre@x" }, ["lead", "admin"])).toBeNull();
  });
});

describe("whether a request is approved", () => {
  it("needs one lead by default; an admin can fill a lead's place", () => {
    expect(status([])).toMatchObject({ state: "pending", missing: ["lead"] });
    expect(status([d("lead@x", "lead")])).toMatchObject({ state: "approved", filled: [{ role: "lead", by: "lead@x" }], missing: [] });
    expect(status([d("admin@x", "admin")])).toMatchObject({ state: "approved" });
    expect(status([d("sre2@x", "sre")])).toMatchObject({ state: "pending", missing: ["lead"] });
  });

  it("never counts the requester's own approval", () => {
    expect(status([d("sre@x", "admin")])).toMatchObject({ state: "pending" });
  });

  it("with a lead AND an admin required, needs two different people", () => {
    expect(status([d("admin@x", "admin")], ["lead", "admin"])).toMatchObject({ state: "pending", filled: [{ role: "admin", by: "admin@x" }], missing: ["lead"] });
    expect(status([d("admin@x", "admin"), d("lead@x", "lead")], ["lead", "admin"])).toMatchObject({ state: "approved" });
    expect(status([d("admin@x", "admin"), d("admin2@x", "admin")], ["lead", "admin"])).toMatchObject({ state: "approved" });
    expect(status([d("lead@x", "lead"), d("lead2@x", "lead")], ["lead", "admin"])).toMatchObject({ state: "pending", missing: ["admin"] });
  });

  it("lets approvals expire", () => {
    const old = status([d("lead@x", "lead", "approve", 241)]);
    expect(old).toMatchObject({ state: "pending", discarded: [{ by: "lead@x", reason: "expired" }] });
    expect(status([d("lead@x", "lead", "approve", 60)]).expiresAt).toEqual(new Date(ago(60).getTime() + TTL));
  });

  it("drops approvals given before the request changed", () => {
    expect(status([d("lead@x", "lead", "approve", 5, 1)], ["lead"], 2)).toMatchObject({ state: "pending", discarded: [{ by: "lead@x", reason: "changed since" }] });
    expect(status([d("lead@x", "lead", "approve", 5, 1), d("lead@x", "lead", "approve", 1, 2)], ["lead"], 2)).toMatchObject({ state: "approved" });
  });

  it("is rejected by a current rejection; a person's latest decision is the one that counts", () => {
    expect(status([d("lead@x", "lead"), d("lead2@x", "lead", "reject", 1, 1, "not during the sale")])).toMatchObject({ state: "rejected", rejectedBy: { by: "lead2@x", comment: "not during the sale" } });
    expect(status([d("lead@x", "lead", "reject", 10), d("lead@x", "lead", "approve", 2)])).toMatchObject({ state: "approved" });
    // A rejection of an older revision no longer blocks the changed request.
    expect(status([d("lead@x", "lead", "reject", 10, 1), d("lead2@x", "lead", "approve", 1, 2)], ["lead"], 2)).toMatchObject({ state: "approved" });
  });
});

describe("who may execute", () => {
  const request = (decisions: Decision[], statusName = "open") => ({ status: statusName, kind: "standard" as const, requestedBy: "sre@x", approval: status(decisions) });
  it("needs a current approval, and then the requester or an approver", () => {
    expect(executionRefusal(request([]), { email: "sre@x" })).toBe("Needs approval by lead first.");
    expect(executionRefusal(request([d("lead@x", "lead", "approve", 300)]), { email: "sre@x" })).toBe("Needs approval by lead first (lead@x's approval expired).");
    expect(executionRefusal(request([d("lead@x", "lead", "reject", 5, 1, "not now")]), { email: "sre@x" })).toBe("Rejected by lead@x: not now");
    const ok = request([d("lead@x", "lead")]);
    expect(executionRefusal(ok, { email: "sre@x" })).toBeNull();
    expect(executionRefusal(ok, { email: "lead@x" })).toBeNull();
    expect(executionRefusal(ok, { email: "sre2@x" })).toBe("Only the requester or an approver can execute this deployment.");
  });
  it("executes a hotfix only with an admin's authorisation that is not its requester's own", () => {
    const hotfix = (decisions: Decision[], requestedBy = "sre@x") => ({
      status: "open",
      kind: "hotfix" as const,
      requestedBy,
      approval: approvalStatus({ requestedBy, revision: 1, decisions, required: ["admin"], ttlMs: TTL, now }),
    });
    const refusal = "Needs an admin's authorisation first (an admin who is not the requester).";
    expect(executionRefusal(hotfix([]), { email: "sre@x" })).toBe(refusal);
    expect(executionRefusal(hotfix([d("lead@x", "lead")]), { email: "lead@x" })).toBe(refusal);
    expect(executionRefusal(hotfix([d("admin@x", "admin")], "admin@x"), { email: "admin@x" })).toBe(refusal);
    expect(executionRefusal(hotfix([d("admin2@x", "admin")], "admin@x"), { email: "admin@x" })).toBeNull();
  });
  it("runs a request once: not while executing, not after it ended; again after an interruption", () => {
    const approvals = [d("lead@x", "lead")];
    expect(executionRefusal(request(approvals, "executing"), { email: "sre@x" })).toBe("The deployment is executing; it cannot be executed again.");
    expect(executionRefusal(request(approvals, "rolled_back"), { email: "sre@x" })).toBe("The deployment is rolled back; it cannot be executed again.");
    expect(executionRefusal(request(approvals, "interrupted"), { email: "sre@x" })).toBeNull();
  });
});
