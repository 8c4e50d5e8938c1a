import { describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/actions/registry";
import { POLICY, can, denialReason, type Permission } from "./policy";
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

  it("gives every registered action its policy role", () => {
    for (const action of ACTIONS.values()) {
      expect(action.role, action.id).toBe(POLICY[action.id]);
    }
    expect([...ACTIONS.keys()].every((id) => id in POLICY)).toBe(true);
  });
});
