import { expect, test } from "@playwright/test";
import { api, signIn } from "../fixtures/auth";

test.beforeEach(async ({ page }) => signIn(page, "sre"));

test("bad input gets a 4xx that names what was wrong, never a 500 or a stack trace", async ({ page }) => {
  const unknownField = await api(page, "POST", "/api/actions/health.acknowledge", {
    input: { rows: [{ check: "gateway", status: "down" }], note: "x", colour: "red" },
  });
  expect(unknownField.status).toBe(422);
  expect(unknownField.json.error.issues).toEqual([{ path: "input.colour", message: "unknown field" }]);

  const wrongType = await api(page, "POST", "/api/actions/health.acknowledge", { input: { rows: "all", note: 5 } });
  expect(wrongType.status).toBe(422);
  expect(wrongType.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["input.note", "input.rows"]);

  const topLevel = await api(page, "POST", "/api/actions/health.acknowledge", { input: {}, confirm: "yes", sudo: true });
  expect(topLevel.status).toBe(422);
  expect(topLevel.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["confirm", "sudo"]);

  const oversized = await api(page, "POST", "/api/actions/health.acknowledge", { input: { note: "x".repeat(70 * 1024) } });
  expect(oversized.status).toBe(413);

  const notJson = await api(page, "POST", "/api/actions/health.acknowledge", undefined, { body: "note=hi", contentType: "application/x-www-form-urlencoded" });
  expect(notJson.status).toBe(415);

  const malformed = await api(page, "POST", "/api/actions/health.acknowledge", undefined, { body: "{not json", contentType: "application/json" });
  expect(malformed.status).toBe(400);
  expect(malformed.json.error.message).toMatch(/not valid JSON/);

  const unknownAction = await api(page, "POST", "/api/actions/cluster.delete-everything", { input: {} });
  expect(unknownAction.status).toBe(404);

  const badQuery = await api(page, "GET", "/api/audit?outcome=maybe&limit=0&colour=red");
  expect(badQuery.status).toBe(422);
  expect(badQuery.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["colour", "limit", "outcome"]);

  const badCursor = await api(page, "GET", "/api/audit?cursor=abc");
  expect(badCursor.status).toBe(422);

  const badRolloutKind = await api(page, "GET", "/api/cluster/rollout?namespace=phoenix-system&kind=Pod&name=x&stream=true");
  expect(badRolloutKind.status).toBe(422);
  expect(badRolloutKind.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["kind"]);
  const missingWorkload = await api(page, "GET", "/api/cluster/rollout?namespace=phoenix-system&kind=Deployment&name=nope&stream=true");
  expect(missingWorkload.status).toBe(404);
  expect(missingWorkload.json.error.message).toMatch(/deployment nope/);

  for (const r of [unknownField, wrongType, topLevel, oversized, notJson, malformed, unknownAction, badQuery, badCursor, badRolloutKind, missingWorkload]) {
    expect(r.text).not.toMatch(/at \S+ \(|node_modules|\.ts:\d+/);
  }
});

test("dates, nesting, undecodable paths, wildcards and foreign namespaces get a 4xx in the envelope", async ({ page }) => {
  for (const path of ["/api/audit?from=0000-01-01T00:00:00Z", "/api/audit?to=0000-01-01T00:00:00Z", "/api/audit/export?format=csv&from=0000-01-01T00:00:00Z"]) {
    const res = await api(page, "GET", path);
    expect(res.status, path).toBe(422);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual([path.includes("to=") ? "to" : "from"]);
  }

  let alert: Record<string, unknown> = { summary: "bad\u0000" };
  for (let i = 0; i < 55; i++) alert = { nested: alert };
  const nested = await api(page, "POST", "/api/runbooks/1.1-quick-health-check/runs", { alert });
  expect(nested.status).toBe(422);

  const undecodable = await api(page, "GET", "/api/runs/%FF");
  expect(undecodable.status).toBe(400);
  expect(undecodable.json.error.code).toBe("BAD_REQUEST");

  const wildcard = await api(page, "GET", "/api/audit?actor=%25&limit=500");
  expect(wildcard.status).toBe(200);
  expect(wildcard.json.events.filter((e: { actor: string }) => !e.actor.includes("%"))).toEqual([]);

  const fenced = await api(page, "POST", "/api/actions/cluster.scale", { input: { namespace: "kube-system", name: "coredns", replicas: 0 }, confirm: true, reason: "probe" });
  expect(fenced.status).toBe(422);
  expect(fenced.json.error.issues.map((i: { path: string }) => i.path)).toEqual(["input.namespace"]);

  for (const r of [nested, undecodable, wildcard, fenced]) expect(r.text).not.toMatch(/at \S+ \(|node_modules|\.ts:\d+/);
});
