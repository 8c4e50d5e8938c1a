import { describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/actions/registry";
import { INTERNAL_ACTIONS, POLICY, refusal, can, denialReason, type Permission } from "./policy";
import { ROLES, type Role } from "./roles";

// Written out by hand on purpose: a change to the policy must change this table too.
const EXPECTED: Record<Permission, Role[]> = {
  "health.read": ["viewer", "sre", "lead", "admin"],
  "audit.read": ["viewer", "sre", "lead", "admin"],
  "audit.export": ["viewer", "sre", "lead", "admin"],
  "users.read": ["admin"],
  "tokens.read": ["admin"],
  "cluster.read": ["viewer", "sre", "lead", "admin"],
  "runbooks.read": ["viewer", "sre", "lead", "admin"],
  "deployments.read": ["viewer", "sre", "lead", "admin"],
  "health.acknowledge": ["sre", "lead", "admin"],
  "users.create": ["admin"],
  "users.set-role": ["admin"],
  "users.disable": ["admin"],
  "users.enable": ["admin"],
  "cluster.rollout-restart": ["sre", "lead", "admin"],
  "cluster.scale": ["sre", "lead", "admin"],
  "cluster.rollout-undo": ["sre", "lead", "admin"],
  "cluster.set-image": ["sre", "lead", "admin"],
  "cluster.cordon": ["sre", "lead", "admin"],
  "cluster.drain": ["sre", "lead", "admin"],
  "cluster.edit-config": ["sre", "lead", "admin"],
  "phoenix-db.terminate-backends": ["sre", "lead", "admin"],
  "deploy.request": ["sre", "lead", "admin"],
  "deploy.update": ["sre", "lead", "admin"],
  "deploy.approve": ["lead", "admin"],
  "deploy.reject": ["lead", "admin"],
  "deploy.execute": ["sre", "lead", "admin"],
  "tokens.issue": ["admin"],
  "tokens.revoke": ["admin"],
  "runbook.start": ["sre", "lead", "admin"],
  "runbook.step": ["sre", "lead", "admin"],
  "runbook.finish": ["sre", "lead", "admin"],
  // Internal: only a system actor with this role (no person, see the test below).
  "deploy.record": ["sre", "lead", "admin"],
  "deploy.set-image": ["sre", "lead", "admin"],
  "deploy.scale": ["sre", "lead", "admin"],
  "deploy.rollback": ["sre", "lead", "admin"],
  "deploy.interrupt": ["sre", "lead", "admin"],
  "runbook.escalate": ["sre", "lead", "admin"],
  "runbook.fail-interrupted-step": ["sre", "lead", "admin"],
  "users.provision": ["admin"],
};

describe("policy table", () => {
  it("covers exactly the permissions we expect", () => {
    expect(Object.keys(POLICY).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const permission of Object.keys(EXPECTED) as Permission[]) {
    for (const role of ROLES) {
      const allowed = EXPECTED[permission].includes(role);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
        expect(denialReason(role, permission) === null).toBe(allowed);
      });
    }
  }

  it("names the role a refused user needs", () => {
    expect(denialReason("viewer", "health.acknowledge")).toBe("Needs the sre role (you are viewer).");
  });

  it("keeps internal actions to the console itself: a person is refused whatever their role, a system actor is checked by role", () => {
    expect([...INTERNAL_ACTIONS].sort()).toEqual(["deploy.interrupt", "deploy.record", "deploy.rollback", "deploy.scale", "deploy.set-image", "runbook.escalate", "runbook.fail-interrupted-step", "users.provision"]);
    for (const via of ["web", "token", "cli"]) expect(refusal({ role: "admin", via }, "deploy.set-image")).toMatch(/cannot be requested directly/);
    expect(refusal({ role: "sre", via: "system" }, "deploy.set-image")).toBeNull();
    expect(refusal({ role: "viewer", via: "system" }, "deploy.set-image")).toBe("Needs the sre role (you are viewer).");
    expect(refusal({ role: "sre", via: "system" }, "users.provision")).toBe("Needs the admin role (you are sre).");
    expect(refusal({ role: "sre", via: "web" }, "deploy.execute")).toBeNull();
    for (const action of ACTIONS.values()) expect(action.internal, action.id).toBe(INTERNAL_ACTIONS.has(action.id));
  });

  it("gives every registered action its policy role", () => {
    for (const action of ACTIONS.values()) {
      expect(action.role, action.id).toBe(POLICY[action.id]);
    }
    expect([...ACTIONS.keys()].every((id) => id in POLICY)).toBe(true);
  });
});
