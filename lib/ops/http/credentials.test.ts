// Dependencies whose URL carries credentials (http://user:pass@host): they must work, with
// the credentials sent as Basic auth, and the password must never show in an answer, an
// error or a log line. A local HTTP server stands in for Prometheus, Alertmanager, the
// gateway and the webhook, and refuses any request without the right Authorization.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHealthChecks } from "@/lib/health/run-health-checks";
import { createLogger } from "@/lib/log";
import { postWebhook } from "@/lib/ops/notify/post-webhook";
import { fetchAlertmanagerAlerts, fetchAlerts } from "@/lib/ops/prometheus/alerts";
import { queryRange } from "@/lib/ops/prometheus/query-range";
import { probeHttp } from "./probe";

const PASSWORD = "s3cr3t-Pa55";
const EXPECTED = `Basic ${Buffer.from(`ops:${PASSWORD}`).toString("base64")}`;
let server: Server;
let base: string; // http://ops:PASSWORD@127.0.0.1:port
let closed: string; // same credentials, nothing listening
const posted: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.headers.authorization !== EXPECTED) {
      res.statusCode = 401;
      return res.end("unauthorised");
    }
    res.setHeader("content-type", "application/json");
    const path = req.url!.split("?")[0];
    if (path === "/-/healthy") return res.end("Prometheus Server is Healthy.\n");
    if (path === "/health") return res.end(JSON.stringify({ status: "ok" }));
    if (path === "/api/v1/alerts") return res.end(JSON.stringify({ status: "success", data: { alerts: [{ labels: { alertname: "HighErrorRate" }, annotations: {}, state: "firing" }] } }));
    if (path === "/api/v2/alerts") return res.end(JSON.stringify([{ labels: { alertname: "NodeDown" }, status: { state: "active" } }]));
    if (path === "/api/v1/query_range") return res.end(JSON.stringify({ status: "success", data: { result: [] } }));
    if (path === "/hook") {
      let body = "";
      req.on("data", (c) => (body += c));
      return req.on("end", () => {
        posted.push(body);
        res.end("ok");
      });
    }
    res.statusCode = 404;
    res.end("{}");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  base = `http://ops:${PASSWORD}@127.0.0.1:${port}`;
  const spare = createServer();
  await new Promise<void>((r) => spare.listen(0, "127.0.0.1", r));
  closed = `http://ops:${PASSWORD}@127.0.0.1:${(spare.address() as AddressInfo).port}`;
  await new Promise((r) => spare.close(r));
});

afterAll(async () => new Promise((r) => server.close(r)));

describe("credentials in a dependency URL", () => {
  it("reach Prometheus, Alertmanager, the gateway and the webhook as Basic auth", async () => {
    const report = await runHealthChecks({ targets: { prometheus: base, gateway: base }, timeoutMs: 2000 });
    const row = (id: string) => report.checks.find((c) => c.check === id)!;
    expect(row("prometheus")).toMatchObject({ status: "ok", error: null });
    expect(row("gateway")).toMatchObject({ status: "ok", error: null });
    expect(JSON.stringify(report)).not.toContain(PASSWORD);

    expect((await fetchAlerts({ baseUrl: base, timeoutMs: 2000 })).map((a) => a.name)).toEqual(["HighErrorRate"]);
    expect((await fetchAlertmanagerAlerts({ baseUrl: base, timeoutMs: 2000 })).map((a) => a.name)).toEqual(["NodeDown"]);
    expect(await queryRange({ baseUrl: base, query: "up", minutes: 5, stepSeconds: 15, timeoutMs: 2000 })).toEqual([]);
    await postWebhook({ url: `${base}/hook`, text: "hello", timeoutMs: 2000 });
    expect(posted).toEqual([JSON.stringify({ text: "hello" })]);
  });

  it("never show the password when the dependency is down", async () => {
    const report = await runHealthChecks({ targets: { prometheus: closed, gateway: closed }, timeoutMs: 2000 });
    const prom = report.checks.find((c) => c.check === "prometheus")!;
    expect(prom.status).toBe("down");
    expect(JSON.stringify(report)).not.toContain(PASSWORD);
    const err = await fetchAlerts({ baseUrl: closed, timeoutMs: 2000 }).then(() => null, (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect(`${err!.message} ${String((err as { cause?: unknown }).cause ?? "")}`).not.toContain(PASSWORD);
  });

  it("keep the password out of a probe's answer", async () => {
    const probe = await probeHttp({ url: `${base}/health`, timeoutMs: 2000, dependency: "API gateway" });
    expect(probe.status).toBe(200);
    expect(JSON.stringify(probe)).not.toContain(PASSWORD);
  });

  it("are masked in every server log line, wherever they appear", () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger(sink);
    log.level = "info"; // the tests run with LOG_LEVEL=silent
    log.error({ url: `${base}/-/healthy`, err: new Error(`connect ECONNREFUSED ${base}`), nested: { note: `see ${base}?token=phx_abc&x=1` } }, `fetching ${base}/api/v1/alerts failed`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(PASSWORD);
    expect(lines[0]).not.toContain("phx_abc");
    expect(lines[0]).toContain("127.0.0.1");
    expect(JSON.parse(lines[0]!).msg).toBe(`fetching http://ops:[REDACTED]@127.0.0.1:${new URL(base).port}/api/v1/alerts failed`);
  });
});
