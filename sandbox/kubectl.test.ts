// Conformance of the sandbox with the real kubectl: each test runs what a runbook runs and
// checks what kubectl printed and the cluster state after.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "./server";

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "phoenix-sandbox-"));
  sandbox = await startSandbox({ dir });
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

function kubectl(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      "kubectl",
      args,
      { env: { ...process.env, KUBECONFIG: sandbox.kubeconfigPath, KUBECACHEDIR: path.join(dir, "cache"), HOME: dir }, timeout: 90_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

const ok = async (args: string[], input?: string) => {
  const r = await kubectl(args, input);
  expect(r.stderr, `kubectl ${args.join(" ")}`).not.toMatch(/error/i);
  expect(r.code, `kubectl ${args.join(" ")}: ${r.stderr}`).toBe(0);
  return r.stdout;
};

const NS = ["-n", "phoenix-system"];

describe("kubectl against the sandbox", { timeout: 120_000 }, () => {
  it("runbook 1.1: pod phase by label", async () => {
    const out = await ok(["get", "pod", ...NS, "-l", "app=phoenix-api", "-o", "jsonpath={.items[*].status.phase}"]);
    expect(out.split(" ")).toEqual(["Running", "Running", "Running"]);
  });

  it("runbook 1.2: get all, events sorted by time", async () => {
    const all = await ok(["get", "all", ...NS]);
    for (const line of ["deployment.apps/phoenix-api", "service/phoenix-api", "replicaset.apps/phoenix-api-", "pod/phoenix-api-"]) expect(all).toContain(line);
    expect(all).toMatch(/deployment\.apps\/phoenix-api\s+3\/3\s+3\s+3/);
    const events = await ok(["get", "events", ...NS, "--sort-by=.lastTimestamp"]);
    expect(events).toMatch(/ScalingReplicaSet/);
    expect(events.split("\n")[0]).toMatch(/LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE/);
  });

  it("runbook 1.2 / 2.1: logs --tail", async () => {
    const out = await ok(["logs", "deployment/phoenix-api", ...NS, "--tail=5"]);
    const lines = out.trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => /INFO/.test(l))).toBe(true);
  });

  it("runbook 2.1: scale, then the deployment reaches 5 ready", async () => {
    expect(await ok(["scale", "deployment/phoenix-api", "--replicas=5", ...NS])).toMatch(/deployment.apps\/phoenix-api scaled/);
    expect(await ok(["rollout", "status", "deployment/phoenix-api", ...NS, "--timeout=60s"])).toMatch(/successfully rolled out/);
    const ready = await ok(["get", "deployment", "phoenix-api", ...NS, "-o", "jsonpath={.status.readyReplicas}"]);
    expect(ready).toBe("5");
    await ok(["scale", "deployment/phoenix-api", "--replicas=3", ...NS]);
  });

  it("runbook 2.1: rollout restart and rollout status to the end", async () => {
    const before = await ok(["get", "pods", ...NS, "-l", "app=phoenix-api", "-o", "jsonpath={.items[*].metadata.name}"]);
    expect(await ok(["rollout", "restart", "deployment/phoenix-api", ...NS])).toMatch(/deployment.apps\/phoenix-api restarted/);
    const status = await ok(["rollout", "status", "deployment/phoenix-api", ...NS, "--timeout=90s"]);
    expect(status).toMatch(/Waiting for deployment "phoenix-api" rollout to finish/);
    expect(status).toMatch(/deployment "phoenix-api" successfully rolled out/);
    // The old pods terminate shortly after the rollout completes.
    await expect
      .poll(async () => (await ok(["get", "pods", ...NS, "-l", "app=phoenix-api", "-o", "jsonpath={.items[*].metadata.name}"])).split(" ").filter((n) => before.split(" ").includes(n)), { timeout: 10_000 })
      .toEqual([]);
  });

  it("runbooks 2.1 and 3.2: set image, history, undo", async () => {
    expect(await ok(["set", "image", "deployment/phoenix-api", "api=ghcr.io/phoenix/platform/api:v2.3.2", ...NS])).toMatch(/image updated/);
    await ok(["rollout", "status", "deployment/phoenix-api", ...NS, "--timeout=90s"]);
    const history = await ok(["rollout", "history", "deployment/phoenix-api", ...NS]);
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE/);
    expect(history.trim().split("\n").slice(2).map((l) => l.trim().split(/\s+/)[0])).toEqual(["1", "2", "3"]);
    expect(await ok(["rollout", "undo", "deployment/phoenix-api", ...NS])).toMatch(/rolled back/);
    await ok(["rollout", "status", "deployment/phoenix-api", ...NS, "--timeout=90s"]);
    const image = await ok(["get", "deployment", "phoenix-api", ...NS, "-o", "jsonpath={.spec.template.spec.containers[0].image}"]);
    expect(image).toBe("ghcr.io/phoenix/platform/api:v2.3.1");
    const revisions = await ok(["rollout", "history", "deployment/phoenix-api", ...NS]);
    expect(revisions.trim().split("\n").slice(2).map((l) => l.trim().split(/\s+/)[0])).toEqual(["1", "3", "4"]);
  });

  it("runbook 2.1: top pods", async () => {
    const out = await ok(["top", "pods", ...NS, "-l", "app=phoenix-api"]);
    expect(out.split("\n")[0]).toMatch(/NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)/);
    expect(out).toMatch(/phoenix-api-\S+\s+\d+m\s+\d+Mi/);
  });

  it("runbook 2.2: auth can-i for the pipeline operator", async () => {
    const as = "--as=system:serviceaccount:phoenix-system:pipeline-operator";
    const yes = await kubectl(["auth", "can-i", "create", "phoenixprocesspipelines", as, "-n", "phoenix-experiments"]);
    expect([yes.code, yes.stdout.trim()]).toEqual([0, "yes"]);
    const no = await kubectl(["auth", "can-i", "delete", "nodes", as]);
    expect([no.code, no.stdout.trim()]).toEqual([1, "no"]);
  });

  it("runbook 2.4: cordon, drain with PodDisruptionBudgets, uncordon", async () => {
    expect(await ok(["cordon", "phoenix-node-2"])).toMatch(/node\/phoenix-node-2 cordoned/);
    expect(await ok(["get", "node", "phoenix-node-2"])).toMatch(/Ready,SchedulingDisabled/);
    const drain = await kubectl(["drain", "phoenix-node-2", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=90s"]);
    expect(drain.code, drain.stderr).toBe(0);
    expect(drain.stdout).toMatch(/node\/phoenix-node-2 drained/);
    const left = await ok(["get", "pods", "-A", "--field-selector=spec.nodeName=phoenix-node-2", "-o", "jsonpath={.items[*].metadata.labels.app}"]);
    expect(left.split(" ").filter(Boolean).every((app) => app === "otel-collector")).toBe(true);
    expect(await ok(["uncordon", "phoenix-node-2"])).toMatch(/uncordoned/);
  });

  it("runbook 7.1: apply a secret made with create --dry-run=client", async () => {
    const yaml = await ok(["create", "secret", "generic", "rotated-secrets", "--from-literal=api-key=new", "--dry-run=client", "-o", "yaml", ...NS]);
    expect(await ok(["apply", "-f", "-", ...NS], yaml)).toMatch(/secret\/rotated-secrets created/);
    const stored = await ok(["get", "secret", "rotated-secrets", ...NS, "-o", "jsonpath={.data.api-key}"]);
    expect(Buffer.from(stored, "base64").toString()).toBe("new");
  });

  it("answers as a modern cluster does for removed APIs (kubectl get psp)", async () => {
    const r = await kubectl(["get", "psp"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/the server doesn't have a resource type "psp"/);
  });
});
