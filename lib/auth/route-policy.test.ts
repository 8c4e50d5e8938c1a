import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/actions/registry";
import { POLICY, READ_PERMISSIONS } from "./policy";
import { ROUTE_POLICY, type RouteRule } from "./route-policy";

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route file under app/api with the methods it exports, as "METHOD /api/…". */
function discoverRoutes(): { key: string; source: string }[] {
  const out: { key: string; source: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const url = "/" + path.relative(path.join(ROOT, "app"), dir).split(path.sep).join("/");
        for (const m of METHODS) {
          const exported = new RegExp(`export (const|async function|function) ${m}\\b|export \\{[^}]*\\bas ${m}\\b`).test(source);
          if (exported) out.push({ key: `${m} ${url}`, source: exportOf(source, m) });
        }
      }
    }
  };
  walk(path.join(ROOT, "app/api"));
  return out;
}

/** The text of one method's export, up to the next export (a file may export GET and POST). */
function exportOf(source: string, method: string): string {
  const start = source.search(new RegExp(`export (const|async function|function) ${method}\\b`));
  if (start < 0) return source;
  const next = source.indexOf("\nexport ", start + 1);
  return source.slice(start, next < 0 ? undefined : next);
}

const routes = discoverRoutes();

describe("the route policy table", () => {
  it("has a row for every route and method, and no row for a route that does not exist", () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(ROUTE_POLICY).sort());
  });

  it.each(routes.map((r) => [r.key, r.source] as const))("%s declares to withRoute what its row says", (key, source) => {
    const rule: RouteRule = ROUTE_POLICY[key as keyof typeof ROUTE_POLICY];
    if ("public" in rule) {
      expect(source).not.toContain("withRoute");
      return;
    }
    expect(source).toContain("withRoute");
    if ("permission" in rule) {
      expect(source).toMatch(new RegExp(`permission: "${rule.permission.replace(".", "\\.")}"`));
      expect(source, "a read route runs no action").not.toContain("runAction(");
    } else if ("action" in rule) {
      // Checked before the body is read, and the same action is the one it runs.
      expect(source).toContain(`action: "${rule.action}"`);
      expect(source).toMatch(new RegExp(`id: "${rule.action.replace(".", "\\.")}"`));
    } else {
      expect(source).toMatch(/action: \(p\) =>/);
      for (const [value, action] of Object.entries(rule.actionByParam.actions)) {
        expect(POLICY).toHaveProperty(action);
        expect(source).toContain(value);
      }
    }
  });

  it("every route that runs an action checks the action's policy before it reads the body", () => {
    for (const { key, source } of routes) {
      if (!source.includes("runAction(")) continue;
      expect(source, key).toMatch(/action: /);
    }
  });

  it("the permission table is the reads plus the registry's actions, nothing else", () => {
    for (const id of ACTIONS.keys()) expect(POLICY, id).toHaveProperty(id);
    expect(Object.keys(POLICY).sort()).toEqual([...READ_PERMISSIONS, ...ACTIONS.keys()].sort());
  });
});
