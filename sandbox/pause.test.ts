// The sandbox's pause: an API server that receives requests and does not answer until
// resumed, then applies them — the fault behind "timed out, but it happened".
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "./server";
import { DEF } from "./world";

let sandbox: Sandbox;
let dir: string;
let core: CoreV1Api;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "phoenix-pause-"));
  sandbox = await startSandbox({ dir });
  const kc = new KubeConfig();
  kc.loadFromFile(sandbox.kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

const unschedulable = () => sandbox.store.get(DEF.nodes, undefined, "phoenix-node-2")!.spec?.unschedulable ?? false;

describe("a paused sandbox", () => {
  it("holds a write unanswered and unapplied, then applies and answers it on resume", async () => {
    sandbox.pause();
    let answered = false;
    const patch = core
      .patchNode({ name: "phoenix-node-2", body: { spec: { unschedulable: true } } }, setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch))
      .finally(() => (answered = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(answered).toBe(false);
    expect(unschedulable()).toBe(false);

    sandbox.resume();
    const node = await patch;
    expect(node.spec?.unschedulable).toBe(true);
    expect(unschedulable()).toBe(true);
  });

  it("still answers its own controls while paused, so it can be resumed over HTTP", async () => {
    const control = (body?: object) => fetchJson(`${sandbox.url}/sandbox/pause`, body);
    expect(await control({ paused: true })).toEqual({ paused: true, writes: false });
    expect(await control()).toEqual({ paused: true, writes: false });
    const read = core.readNode({ name: "phoenix-node-1" });
    expect(await control({ paused: false })).toEqual({ paused: false, writes: false });
    expect((await read).metadata?.name).toBe("phoenix-node-1");
  });
});

describe("a sandbox whose writes hang", () => {
  it("answers reads and holds writes until resumed", async () => {
    sandbox.pause({ writes: true });
    let answered = false;
    const patch = core
      .patchNode({ name: "phoenix-node-3", body: { spec: { unschedulable: true } } }, setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch))
      .finally(() => (answered = true));
    expect((await core.readNode({ name: "phoenix-node-3" })).spec?.unschedulable).toBeFalsy();
    expect(answered).toBe(false);
    sandbox.resume();
    expect((await patch).spec?.unschedulable).toBe(true);
  });
});

/** A sandbox control call with the admin token, trusting the sandbox's CA. */
function fetchJson(url: string, body?: object): Promise<unknown> {
  const ca = readFileSync(path.join(dir, "pki", "ca.crt"), "utf8");
  return new Promise((resolve, reject) => {
    const req = request(url, { method: body ? "POST" : "GET", ca, headers: { authorization: `Bearer ${sandbox.adminToken}`, "content-type": "application/json" } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve(JSON.parse(text)));
    });
    req.on("error", reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}
