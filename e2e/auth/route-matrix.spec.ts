// Every API route and every action, called as every identity: no sign-in, a session of each role,
// and an API token of each role a token can have. What each identity should get comes from the
// policy tables (lib/auth/policy.ts, lib/auth/route-policy.ts), which a Vitest keeps in step with
// the route files; this calls the running console and fails on any answer the tables do not allow.
import { type APIRequestContext, expect, request as apiRequest, test } from "@playwright/test";
import { type Role, roleAtLeast } from "@/lib/auth/roles";
import { INTERNAL_ACTIONS, PERSON_ONLY, POLICY, type Permission, READ_PERMISSIONS } from "@/lib/auth/policy";
import { ROUTE_POLICY, type RouteRule } from "@/lib/auth/route-policy";
import { signIn } from "../fixtures/auth";

const BASE = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
type Identity = { name: string; role: Role | null; via: "none" | "web" | "token"; api: APIRequestContext };

/** Sample values for route params: none of them names a real object, so an allowed write changes nothing. */
const SAMPLE: Record<string, string> = { id: "00000000-0000-4000-8000-000000000000", name: "phoenix-api", stepId: "probe" };
const ACTION_IDS = (Object.keys(POLICY) as Permission[]).filter((p) => !(READ_PERMISSIONS as readonly string[]).includes(p));

type Call = { method: string; path: string; permission: Permission; data?: unknown };

/** One call per route, and per action where the route runs the action named in its path. */
function calls(): Call[] {
  const out: Call[] = [];
  for (const [key, rule] of Object.entries(ROUTE_POLICY) as [string, RouteRule][]) {
    if ("public" in rule) continue;
    const [method, pattern] = key.split(" ") as [string, string];
    const fill = (over: Record<string, string> = {}) => pattern.replace(/\[(\w+)\]/g, (_, p: string) => encodeURIComponent(over[p] ?? SAMPLE[p] ?? "x"));
    // A body no schema accepts: whoever is allowed gets a 4xx naming the problem, and nothing runs.
    const data = method === "GET" ? undefined : { input: "route-matrix probe" };
    if ("permission" in rule) out.push({ method, path: fill(), permission: rule.permission, data });
    else if ("action" in rule) out.push({ method, path: fill(), permission: rule.action, data });
    else {
      const { param, actions } = rule.actionByParam;
      const byValue: Record<string, Permission> = Object.keys(actions).length ? actions : Object.fromEntries(ACTION_IDS.map((a) => [a, a]));
      for (const [value, action] of Object.entries(byValue)) out.push({ method, path: fill({ [param]: value }), permission: action, data });
    }
  }
  return out;
}

function expected(identity: Identity, permission: Permission): "unauthenticated" | "forbidden" | "allowed" {
  if (!identity.role) return "unauthenticated";
  if (INTERNAL_ACTIONS.has(permission)) return "forbidden"; // the console's own steps: no person or token asks for them
  if (!roleAtLeast(identity.role, POLICY[permission])) return "forbidden";
  if (identity.via === "token" && PERSON_ONLY.has(permission)) return "forbidden";
  return "allowed";
}

test("every route and action answers every identity as the policy table says", async ({ browser }) => {
  test.setTimeout(180_000);
  const identities: Identity[] = [{ name: "no sign-in", role: null, via: "none", api: await apiRequest.newContext({ baseURL: BASE }) }];
  const contexts = [];
  for (const role of ["viewer", "sre", "lead", "admin"] as const) {
    const context = await browser.newContext({ baseURL: BASE });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, role);
    identities.push({ name: `${role} session`, role, via: "web", api: context.request });
  }
  const admin = identities.find((i) => i.name === "admin session")!.api;
  for (const role of ["viewer", "sre", "lead"] as const) {
    const issued = await admin.post("/api/tokens", { data: { name: `matrix-${role}-${Date.now() % 100_000}`, role, expiresInDays: 1 } });
    expect(issued.status(), await issued.text()).toBe(200);
    const { token } = (await issued.json()) as { token: string };
    identities.push({ name: `${role} token`, role, via: "token", api: await apiRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { authorization: `Bearer ${token}` } }) });
  }

  const mismatches: string[] = [];
  let count = 0;
  for (const call of calls()) {
    for (const identity of identities) {
      const res = await identity.api.fetch(call.path, { method: call.method, data: call.data });
      count++;
      const status = res.status();
      const want = expected(identity, call.permission);
      const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
      const ok =
        want === "unauthenticated" ? status === 401 && body?.error?.code === "UNAUTHENTICATED"
        : want === "forbidden" ? status === 403 && body?.error?.code === "FORBIDDEN"
        : status !== 401 && status !== 403 && status < 500;
      if (!ok) mismatches.push(`${call.method} ${call.path} as ${identity.name}: expected ${want}, got ${status} ${JSON.stringify(body)?.slice(0, 200)}`);
    }
  }
  console.log(`route matrix: ${count} calls (${calls().length} route/action rows × ${identities.length} identities), ${mismatches.length} mismatches`);
  expect(mismatches).toEqual([]);
  expect(count).toBeGreaterThan(400);

  for (const i of identities) if (i.via !== "web") await i.api.dispose();
  for (const c of contexts) await c.close();
});
