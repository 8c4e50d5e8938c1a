// Reading alerts from Prometheus's /api/v1/alerts and Alertmanager's /api/v2/alerts, as
// documented (payloads as those servers send them), and their failures as typed errors.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchAlertmanagerAlerts, fetchAlerts } from "./alerts";

let server: Server;
let base = "";
let answer: { status: number; body: unknown } | "hang" = { status: 200, body: {} };
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? "");
    if (answer === "hang") return;
    res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const labels = { alertname: "CollectorHighMemoryUsage", severity: "warning", team: "platform", namespace: "phoenix-experiments", node: "phoenix-node-2", pod: "otel-collector-x" };
const annotations = { summary: "An OpenTelemetry collector is near its memory limit", description: "otel-collector-x uses 96%", runbook_url: "https://ops.phoenix.io/runbooks/2.4-otel-collector-high-memory" };

describe("alerts", () => {
  it("reads Prometheus's firing and pending alerts, firing first", async () => {
    answer = {
      status: 200,
      body: {
        status: "success",
        data: {
          alerts: [
            { labels: { ...labels, alertname: "PhoenixAPIDown", severity: "critical" }, annotations: {}, state: "pending", activeAt: "2026-11-26T10:00:00Z", value: "0e+00" },
            { labels, annotations, state: "firing", activeAt: "2026-11-26T10:05:00Z", value: "9.6e-01" },
            { labels, annotations, state: "inactive" },
          ],
        },
      },
    };
    const alerts = await fetchAlerts({ baseUrl: base, timeoutMs: 2000 });
    expect(seen.at(-1)).toBe("/api/v1/alerts");
    expect(alerts).toEqual([
      {
        name: "CollectorHighMemoryUsage", state: "firing", severity: "warning", summary: annotations.summary, description: annotations.description,
        labels: { team: "platform", namespace: "phoenix-experiments", node: "phoenix-node-2", pod: "otel-collector-x" }, activeAt: "2026-11-26T10:05:00Z", value: "9.6e-01", runbookUrl: annotations.runbook_url,
      },
      expect.objectContaining({ name: "PhoenixAPIDown", state: "pending", severity: "critical", summary: null, runbookUrl: null }),
    ]);
  });

  it("reads Alertmanager's active, unsilenced alerts", async () => {
    answer = {
      status: 200,
      body: [
        { labels, annotations, startsAt: "2026-11-26T10:05:00Z", endsAt: "2026-11-26T11:05:00Z", status: { state: "active", silencedBy: [], inhibitedBy: [] }, fingerprint: "abc", receivers: [{ name: "oncall" }], updatedAt: "2026-11-26T10:06:00Z" },
        { labels, annotations, startsAt: "2026-11-26T09:00:00Z", status: { state: "suppressed", silencedBy: ["s1"], inhibitedBy: [] } },
      ],
    };
    const alerts = await fetchAlertmanagerAlerts({ baseUrl: `${base}/`, timeoutMs: 2000 });
    expect(seen.at(-1)).toBe("/api/v2/alerts?active=true&silenced=false&inhibited=false");
    expect(alerts).toEqual([expect.objectContaining({ name: "CollectorHighMemoryUsage", state: "firing", activeAt: "2026-11-26T10:05:00Z", runbookUrl: annotations.runbook_url })]);
  });

  it("answers typed errors: a failing server, a body that is not alerts, no answer", async () => {
    answer = { status: 500, body: { status: "error", error: "boom" } };
    await expect(fetchAlerts({ baseUrl: base, timeoutMs: 2000 })).rejects.toMatchObject({ code: "DEPENDENCY_FAILED", message: "Prometheus answered HTTP 500 for /api/v1/alerts" });
    answer = { status: 200, body: { status: "success" } };
    await expect(fetchAlertmanagerAlerts({ baseUrl: base, timeoutMs: 2000 })).rejects.toMatchObject({ code: "DEPENDENCY_FAILED", message: "Alertmanager's answer is not a list of alerts" });
    answer = "hang";
    await expect(fetchAlerts({ baseUrl: base, timeoutMs: 300 })).rejects.toMatchObject({ code: "DEPENDENCY_TIMEOUT" });
  });
});
