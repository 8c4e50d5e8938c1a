// Action modules whose workflows run steps through the runner (runbook runs, the deployment
// pipeline) may be the first thing a route imports: the registry must still hold every action.
// Keep these imports first: their order is what is tested.
import { stepOpSchema } from "@/lib/actions/runbook-actions";
import { deployExecute } from "@/lib/actions/deployment-actions";
import { expect, it } from "vitest";
import { POLICY } from "@/lib/auth/policy";
import { ACTIONS } from "./registry";

it("holds every action whichever action module was imported first", () => {
  expect(stepOpSchema).toBeDefined();
  expect(ACTIONS.get("deploy.execute")).toBe(deployExecute);
  expect([...ACTIONS.keys()].sort()).toEqual(Object.keys(POLICY).filter((p) => !p.endsWith(".read") && p !== "audit.export").sort());
});
