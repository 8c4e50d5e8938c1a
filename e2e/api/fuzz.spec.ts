// Property-based fuzzing of every API route (fast-check): random route params (raw bytes,
// invalid UTF-8, lone surrogates), query strings, JSON bodies (deep nesting, NUL, surrogates)
// and bodies that are not JSON. Whatever comes in, the console answers with a status below 500
// in its JSON envelope, with no stack trace and no internal detail.
import { type APIRequestContext, expect, test } from "@playwright/test";
import fc from "fast-check";
import { POLICY, READ_PERMISSIONS } from "@/lib/auth/policy";
import { ROUTE_POLICY, type RouteRule } from "@/lib/auth/route-policy";
import { signIn } from "../fixtures/auth";

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 12);
const ACTION_IDS = Object.keys(POLICY).filter((p) => !(READ_PERMISSIONS as readonly string[]).includes(p));
/** Query names the routes read (streaming ones — stream, follow — are left out: they answer forever). */
const QUERY_NAMES = ["from", "to", "actor", "action", "outcome", "actionId", "cursor", "before", "limit", "namespace", "selector", "kind", "name", "container", "tail", "previous", "errors", "format", "environment", "status", "since", "q", "run"];
/** Signs of an internal detail leaking: a stack frame, a source path, a driver's own words. */
const LEAKS = [/\n\s+at [\w.<>]+ \(/, /node_modules/, /\/work\//, /\.tsx?:\d+/, /Prisma|PrismaClient|invocation/i, /TypeError|ReferenceError|SyntaxError: /];

/** A path segment as raw as a client can send it: percent-encoded bytes, valid UTF-8 or not. */
const segment = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => encodeLoosely(s)),
  fc.uint8Array({ minLength: 1, maxLength: 12 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, "0").toUpperCase()}`).join("")),
  fc.constantFrom("00000000-0000-4000-8000-000000000000", "phoenix-api", "..", "%00", "%FF", "%ED%A0%80", "a".repeat(300)),
);
const query = fc.array(fc.tuple(fc.constantFrom(...QUERY_NAMES), fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.constantFrom("0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "-1", "1e309", "%", "_", "NaN", "true"))), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeLoosely(v)}`).join("&"));
/** JSON a client might send, nested up to 60 levels, with NUL and lone surrogates in strings. */
const nasty = fc.string({ unit: "binary", maxLength: 20 }).map((s) => `${s}\u0000\ud800`);
const deep = fc.nat({ max: 60 }).map((n) => {
  let v: unknown = "\u0000\udfff";
  for (let i = 0; i < n; i++) v = { alert: v };
  return v;
});
const json = fc.oneof(fc.jsonValue({ maxDepth: 4 }), deep, fc.record({ input: fc.oneof(fc.jsonValue({ maxDepth: 3 }), deep, fc.dictionary(fc.string(), nasty)), confirm: fc.boolean(), reason: fc.oneof(nasty, fc.string()) }, { requiredKeys: [] }));
const body = fc.oneof(
  json.map((v) => ({ text: JSON.stringify(v), type: "application/json" })),
  fc.constantFrom("{", "[1,", "\u0000", "null", "\"", "{\"a\":1}}").map((text) => ({ text, type: "application/json" })),
  fc.string({ maxLength: 30 }).map((text) => ({ text, type: "text/plain" })),
);

/** encodeURIComponent, except that lone surrogates (which it refuses) go through as their raw UTF-16 escapes would. */
function encodeLoosely(s: string): string {
  return [...s].map((ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return "%ED%A0%80"; // a surrogate as CESU bytes: invalid UTF-8
    }
  }).join("");
}

function routes(): { method: string; pattern: string; values?: string[] }[] {
  return (Object.entries(ROUTE_POLICY) as [string, RouteRule][])
    .filter(([, rule]) => !("public" in rule))
    .map(([key, rule]) => {
      const [method, pattern] = key.split(" ") as [string, string];
      return { method, pattern, values: "actionByParam" in rule ? (Object.keys(rule.actionByParam.actions).length ? Object.keys(rule.actionByParam.actions) : ACTION_IDS) : undefined };
    });
}

async function probe(api: APIRequestContext, method: string, path: string, payload?: { text: string; type: string }) {
  const res = await api.fetch(path, { method, headers: payload ? { "content-type": payload.type } : undefined, data: payload?.text, timeout: 20_000, maxRedirects: 0 });
  const text = await res.text();
  const problems: string[] = [];
  if (res.status() >= 500) problems.push(`status ${res.status()}`);
  if (res.status() >= 400) {
    let parsed: { error?: { code?: string; message?: string } } | null = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      problems.push("not the JSON envelope");
    }
    if (parsed && (typeof parsed.error?.code !== "string" || typeof parsed.error?.message !== "string")) problems.push("no error code and message");
  }
  for (const leak of LEAKS) if (leak.test(text)) problems.push(`leaks ${leak}`);
  return problems.length ? `${method} ${path} → ${res.status()}: ${problems.join(", ")}: ${text.slice(0, 300)}` : null;
}

test("no input reaches a 5xx, a stack trace or an internal detail, on any route", async ({ browser }) => {
  test.setTimeout(600_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "admin"); // the identity that reaches the most code
  const api = context.request;
  const failures: string[] = [];
  let requests = 0;
  for (const route of routes()) {
    const paramNames = [...route.pattern.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
    const params = fc.tuple(...paramNames.map((name) => (route.values && name === paramNames.at(-1) ? fc.oneof(fc.constantFrom(...route.values), segment) : segment)));
    await fc.assert(
      fc.asyncProperty(params, query, body, async (values, q, payload) => {
        let i = 0;
        const path = route.pattern.replace(/\[(\w+)\]/g, () => values[i++]!) + (q ? `?${q}` : "");
        requests++;
        const failure = await probe(api, route.method, path, route.method === "GET" ? undefined : payload);
        if (failure) failures.push(failure);
        return failure === null;
      }),
      { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
    ).catch(() => undefined); // collected above, reported together below
  }
  // Paths the router itself decodes, outside any route file.
  for (const path of ["/api/runs/%FF", "/api/deployments/%ED%A0%80/checks", "/api/no-such-route", "/api/cluster/pods/%C0%AF/logs"]) {
    requests++;
    const failure = await probe(api, "GET", path);
    if (failure) failures.push(failure);
  }
  console.log(`fuzz: ${requests} requests over ${routes().length} routes, ${failures.length} failures`);
  expect(failures).toEqual([]);
  await context.close();
});
