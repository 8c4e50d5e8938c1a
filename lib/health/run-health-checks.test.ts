// The health checks against the real thing: the PostgreSQL and Redis servers of this
// machine, a second redis-server that wants a password, and a TCP listener that never answers.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_POSTGRES_URL } from "@/test/stores";
import { runHealthChecks } from "./run-health-checks";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const TIMEOUT = 800;

let hung: Server;
let hungPort: number;
const hungSockets: Socket[] = [];
let closedPort: number;
let gateway: HttpServer;
let gatewayUrl: string;
let gatewayStatus = "ok";
let authRedis: ChildProcess;
let authRedisPort: number;

const listen = (s: Server | HttpServer) => new Promise<number>((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));

beforeAll(async () => {
  // Accepts connections and never says a word: what a wedged server looks like.
  hung = createServer((socket) => void hungSockets.push(socket));
  hungPort = await listen(hung);
  // A port that was just free: connection refused.
  const probe = createServer();
  closedPort = await listen(probe);
  await new Promise((r) => probe.close(r));
  // The gateway's /health, answering whatever status the test sets.
  gateway = createHttpServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(req.url === "/health" ? JSON.stringify({ status: gatewayStatus }) : "{}");
  });
  gatewayUrl = `http://127.0.0.1:${await listen(gateway)}`;
  // A real redis-server that requires a password.
  const p = createServer();
  authRedisPort = await listen(p);
  await new Promise((r) => p.close(r));
  authRedis = spawn("redis-server", ["--port", String(authRedisPort), "--bind", "127.0.0.1", "--requirepass", "right", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  await waitFor(async () => (await runHealthChecks({ targets: { redis: `redis://:right@127.0.0.1:${authRedisPort}` }, timeoutMs: TIMEOUT })).checks[2]!.status === "ok");
});

afterAll(async () => {
  hungSockets.forEach((s) => s.destroy());
  await new Promise((r) => hung.close(r));
  await new Promise((r) => gateway.close(r));
  authRedis?.kill();
});

async function waitFor(ok: () => Promise<boolean>, ms = 10_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("condition not met in time");
}

const row = async (check: "gateway" | "postgres" | "redis" | "prometheus", target: string) => {
  const report = await runHealthChecks({ targets: { [check]: target }, timeoutMs: TIMEOUT });
  return report.checks.find((c) => c.check === check)!;
};

describe("health checks", () => {
  it("says not configured, with the variable to set, when nothing is set", async () => {
    const report = await runHealthChecks({ targets: {}, timeoutMs: TIMEOUT });
    expect(report.checks.map((c) => [c.check, c.status, c.envVar])).toEqual([
      ["gateway", "not_configured", "API_GATEWAY_URL"],
      ["postgres", "not_configured", "PHOENIX_DATABASE_URL"],
      ["redis", "not_configured", "PHOENIX_REDIS_URL"],
      ["prometheus", "not_configured", "PROMETHEUS_URL"],
      ["service:api", "not_configured", "KUBECONFIG"],
      ["service:controller", "not_configured", "KUBECONFIG"],
      ["service:generator", "not_configured", "KUBECONFIG"],
    ]);
    expect(report.status).toBe("ok");
  });

  describe("PostgreSQL", () => {
    it("is ok when the server answers SELECT 1", async () => {
      const r = await row("postgres", TEST_POSTGRES_URL);
      expect(r).toMatchObject({ status: "ok", error: null });
      expect(r.detail).toMatch(/SELECT 1 → 1/);
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    });
    it("is down with the refusal when nothing listens", async () => {
      const r = await row("postgres", `postgresql://postgres@127.0.0.1:${closedPort}/postgres`);
      expect(r).toMatchObject({ status: "down", timedOut: false });
      expect(r.error).toMatch(/ECONNREFUSED/);
    });
    it("is down with the server's words for a wrong password", async () => {
      // scripts/setup-test-services.sh makes this role authenticate by password.
      const url = (password: string) => `postgresql://phoenix_password_check:${password}@127.0.0.1:5432/postgres`;
      expect((await row("postgres", url("right-password"))).status, "the role should sign in with its password: run scripts/setup-test-services.sh").toBe("ok");
      const r = await row("postgres", url("wrong-password"));
      expect(r.status).toBe("down");
      expect(r.error).toMatch(/password authentication failed for user "phoenix_password_check"/);
      expect(r.target).toBe("postgresql://phoenix_password_check:[REDACTED]@127.0.0.1:5432/postgres");
    });
    it("is down with the server's words for a role it does not know", async () => {
      const r = await row("postgres", "postgresql://no_such_role:wrong@127.0.0.1:5432/postgres");
      expect(r.status).toBe("down");
      expect(r.error).toMatch(/no_such_role/);
      expect(r.target).not.toContain("wrong");
    });
    it("times out against a listener that never answers", async () => {
      const r = await row("postgres", `postgresql://postgres@127.0.0.1:${hungPort}/postgres`);
      expect(r).toMatchObject({ status: "down", timedOut: true, error: `timed out after ${TIMEOUT} ms` });
      expect(r.latencyMs).toBeLessThan(TIMEOUT + 400);
    });
  });

  describe("Redis", () => {
    it("is ok on PONG", async () => {
      expect(await row("redis", REDIS_URL)).toMatchObject({ status: "ok", detail: "PING → PONG" });
    });
    it("is down with the server's words for a wrong password", async () => {
      const r = await row("redis", `redis://:wrong@127.0.0.1:${authRedisPort}`);
      expect(r.status).toBe("down");
      expect(r.error).toMatch(/WRONGPASS|invalid username-password|NOAUTH/i);
      expect(r.target).toBe(`redis://:[REDACTED]@127.0.0.1:${authRedisPort}`);
    });
    it("is down when nothing listens", async () => {
      const r = await row("redis", `redis://127.0.0.1:${closedPort}`);
      expect(r.status).toBe("down");
      expect(r.error).toMatch(/ECONNREFUSED/);
    });
    it("times out against a listener that never answers", async () => {
      const r = await row("redis", `redis://127.0.0.1:${hungPort}`);
      expect(r).toMatchObject({ status: "down", timedOut: true });
      expect(r.latencyMs).toBeLessThan(TIMEOUT + 400);
    });
  });

  describe("API gateway", () => {
    it("reads .status of /health", async () => {
      gatewayStatus = "ok";
      expect(await row("gateway", gatewayUrl)).toMatchObject({ status: "ok" });
      gatewayStatus = "degraded";
      const r = await row("gateway", gatewayUrl);
      expect(r).toMatchObject({ status: "down" });
      expect(r.error).toMatch(/status "degraded"/);
    });
    it("times out against a listener that never answers", async () => {
      expect(await row("gateway", `http://127.0.0.1:${hungPort}`)).toMatchObject({ status: "down", timedOut: true });
    });
  });

  it("runs every check in parallel: one hung dependency never delays the others", async () => {
    const started = Date.now();
    const report = await runHealthChecks({
      targets: {
        gateway: `http://127.0.0.1:${hungPort}`,
        postgres: `postgresql://postgres@127.0.0.1:${hungPort}/postgres`,
        redis: `redis://127.0.0.1:${hungPort}`,
        prometheus: `http://127.0.0.1:${hungPort}`,
      },
      timeoutMs: TIMEOUT,
    });
    const took = Date.now() - started;
    expect(report.checks.filter((c) => !c.check.startsWith("service:")).every((c) => c.timedOut)).toBe(true);
    expect(report.status).toBe("degraded");
    expect(took).toBeLessThan(TIMEOUT * 2); // four hung checks in sequence would take 4 × TIMEOUT

    const mixed = await runHealthChecks({ targets: { postgres: TEST_POSTGRES_URL, redis: `redis://127.0.0.1:${hungPort}` }, timeoutMs: TIMEOUT });
    const pgRow = mixed.checks.find((c) => c.check === "postgres")!;
    expect(pgRow.status).toBe("ok");
    expect(pgRow.latencyMs!).toBeLessThan(TIMEOUT);
  });
});
