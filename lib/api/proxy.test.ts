// Paths Next cannot decode (invalid UTF-8, a stray %) are answered before routing, where Next
// would render its HTML error page: an /api caller gets the JSON envelope.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

const run = (path: string) => proxy(new NextRequest(new URL(path, "http://localhost:3000")));

describe("the /api proxy", () => {
  it.each(["/api/runs/%FF", "/api/runs/%C3%28", "/api/cluster/pods/%E2%82/logs", "/api/runs/100%"])("answers %s with a 400 in the JSON envelope", async (path) => {
    const res = run(path);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.message).toMatch(/UTF-8/);
  });

  it("lets every decodable path through untouched", () => {
    for (const path of ["/api/runs/0c6f0d3e-2b0f-4a39-9c1e-6f1a2f4f7b10", "/api/cluster/pods/caf%C3%A9/logs", "/api/audit?actor=%25"]) {
      expect(run(path).headers.get("x-middleware-next")).toBe("1");
    }
  });

  it("answers a method the route does not serve with a 405 in the JSON envelope, naming the methods it does", async () => {
    for (const [method, path, allow] of [["POST", "/api/runs", "GET, HEAD"], ["DELETE", "/api/deployments/0c6f0d3e-2b0f-4a39-9c1e-6f1a2f4f7b10", "GET, PATCH, HEAD"], ["GET", "/api/tokens/x/revoke", "POST"]] as const) {
      const res = proxy(new NextRequest(new URL(path, "http://localhost:3000"), { method }));
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow")).toBe(allow);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("METHOD_NOT_ALLOWED");
    }
    // A method the route serves, and a path no route serves (the JSON 404 route answers it), pass.
    expect(proxy(new NextRequest(new URL("/api/runs", "http://localhost:3000"), { method: "GET" })).headers.get("x-middleware-next")).toBe("1");
    expect(proxy(new NextRequest(new URL("/api/no-such-thing", "http://localhost:3000"), { method: "POST" })).headers.get("x-middleware-next")).toBe("1");
  });

  it("runs on /api only", () => {
    expect(config.matcher).toEqual(["/api/:path*"]);
  });
});
