// One rule for "the gateway is healthy": the health panel and the deployments' default smoke
// test must agree on every answer, spacing included (a smoke test that disagrees rolls a good
// deployment back).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smokeChecksFor } from "@/lib/deployments/execute";
import { checkGateway } from "./check-gateway";
import { runSmokeCheck } from "./smoke-check";

let server: Server;
let base: string;
let answer = { status: 200, body: "" };

beforeAll(async () => {
  server = createServer((_, res) => res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.API_GATEWAY_URL = base; // before the first env(): the default smoke check asks this gateway
});
afterAll(() => new Promise((r) => server.close(r)));

const panelSaysOk = () => checkGateway({ baseUrl: base, timeoutMs: 2000 }).then(() => true, () => false);
const smokeSaysOk = async () => (await runSmokeCheck(smokeChecksFor("staging")![0]!, { timeoutMs: 2000 })).problem === null;

describe("the gateway is healthy: one rule", () => {
  it.each([
    ['{"status":"ok"}', 200, true],
    ['{"status": "ok"}', 200, true],
    ['{\n  "status" : "ok",\n  "version": "v2.4.1"\n}', 200, true],
    ['{"status":"down"}', 200, false],
    ['{"status":"ok"}', 503, false],
    ['{"detail":"status: ok"}', 200, false],
    ["status ok", 200, false],
  ] as const)("%s with HTTP %i: panel and smoke test both say %s", async (body, status, healthy) => {
    answer = { status, body };
    expect(await panelSaysOk()).toBe(healthy);
    expect(await smokeSaysOk()).toBe(healthy);
  });
});
