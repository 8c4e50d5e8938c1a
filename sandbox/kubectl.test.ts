// Conformance of the sandbox with the real kubectl: each test runs what a runbook runs and
// checks what kubectl printed and the cluster state after. It runs once per kubectl: the one
// on PATH and Debian's kubernetes-client 1.20 (scripts/get-kubectl-1.20.sh fetches it), each
// against a fresh sandbox.
import { execFile, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "./server";

/** Where scripts/get-kubectl-1.20.sh puts Debian's kubectl; the test fails (not skips) without it. */
export const KUBECTL_120 = path.resolve(".cache/kubectl-1.20/usr/bin/kubectl");
const BINARIES = [
  { name: "kubectl on PATH", bin: process.env.KUBECTL ?? "kubectl" },
  { name: "Debian kubernetes-client 1.20", bin: KUBECTL_120 },
];

const NS = ["-n", "phoenix-system"];

describe.each(BINARIES)("$name against the sandbox", { timeout: 120_000 }, ({ bin }) => {
  let sandbox: Sandbox;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(bin) && bin === KUBECTL_120) throw new Error(`${bin} is missing: run scripts/get-kubectl-1.20.sh (npm test does)`);
    dir = mkdtempSync(path.join(tmpdir(), "phoenix-sandbox-"));
    sandbox = await startSandbox({ dir });
  });
  afterAll(async () => {
    await sandbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({ ...process.env, KUBECONFIG: sandbox.kubeconfigPath, KUBECACHEDIR: path.join(dir, "cache"), HOME: dir, ...extra });

  function kubectl(args: string[], input?: string, extraEnv?: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = execFile(bin, args, { env: env(extraEnv), timeout: 90_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      if (input !== undefined) child.stdin!.end(input);
    });
  }

  const ok = async (args: string[], input?: string, extraEnv?: Record<string, string>) => {
    const r = await kubectl(args, input, extraEnv);
    expect(r.stderr, `kubectl ${args.join(" ")}`).not.toMatch(/error/i);
    expect(r.code, `kubectl ${args.join(" ")}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };

  /** `kubectl edit` with an "editor" that applies a sed expression to the file kubectl opens. */
  const editWith = async (sedExpression: string, args: string[]) => {
    const editor = path.join(dir, "editor.sh");
    writeFileSync(editor, `#!/bin/sh\nsed -i '${sedExpression}' "$1"\n`);
    chmodSync(editor, 0o755);
    return ok(["edit", ...args], undefined, { KUBE_EDITOR: editor, EDITOR: editor });
  };

  const podNames = async (ns: string, selector: string) =>
    (await ok(["get", "pods", "-n", ns, "-l", selector, "-o", "jsonpath={.items[*].metadata.name}"])).split(" ").filter(Boolean);

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
    // kubectl 1.20 ends a drain with "evicted" where later versions say "drained".
    expect(drain.stdout).toMatch(/node\/phoenix-node-2 (drained|evicted)/);
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

  it("runbook 2.2: controller and generator logs, quota, pause and resume the controller", async () => {
    const controller = await ok(["logs", ...NS, "deployment/experiment-controller", "--tail=200"]);
    expect(controller).toMatch(/reconciled experiment exp-\d+/);
    expect(await ok(["logs", ...NS, "deployment/config-generator", "--tail=100"])).toMatch(/generated config|config cache|rendered \d+ templates/);
    const quota = await ok(["describe", "resourcequota", "-n", "phoenix-experiments"]);
    expect(quota).toMatch(/Resource\s+Used\s+Hard/);
    expect(quota).toMatch(/pods\s+3\s+50/);
    expect(await ok(["scale", "deployment/experiment-controller", "--replicas=0", ...NS])).toMatch(/scaled/);
    await expect.poll(() => podNames("phoenix-system", "app=experiment-controller"), { timeout: 10_000 }).toEqual([]);
    await ok(["scale", "deployment/experiment-controller", "--replicas=1", ...NS]);
    expect(await ok(["rollout", "status", "deployment/experiment-controller", ...NS, "--timeout=60s"])).toMatch(/successfully rolled out/);
  });

  it("runbook 2.3: edit pgbouncer-config, restart pgbouncer", async () => {
    expect(await editWith("s/max_client_conn = [0-9]*/max_client_conn = 400/", ["configmap", "pgbouncer-config", ...NS])).toMatch(/configmap\/pgbouncer-config edited/);
    expect(await ok(["get", "configmap", "pgbouncer-config", ...NS, "-o", "jsonpath={.data.pgbouncer\\.ini}"])).toMatch(/max_client_conn = 400\n/);
    expect(await ok(["rollout", "restart", "deployment/pgbouncer", ...NS])).toMatch(/deployment.apps\/pgbouncer restarted/);
    expect(await ok(["rollout", "status", "deployment/pgbouncer", ...NS, "--timeout=60s"])).toMatch(/successfully rolled out/);
  });

  it("runbook 2.4: collector usage, node allocations, config edit, daemonset restart, logs", async () => {
    const top = await ok(["top", "pods", "-n", "phoenix-experiments", "-l", "app=otel-collector"]);
    expect(top.trim().split("\n").slice(1)).toHaveLength(3);
    const nodes = await ok(["describe", "nodes"]);
    expect(nodes.match(/Allocated resources:/g)).toHaveLength(3);
    expect(nodes).toMatch(/RenewTime:\s+\w{3}, \d+ \w{3} \d{4}/);
    expect(nodes).not.toMatch(/Failed to get lease|0001/);
    expect(await editWith("s/send_batch_size: 8192/send_batch_size: 4096/", ["configmap", "otel-collector-config", "-n", "phoenix-experiments"])).toMatch(/edited/);
    expect(await ok(["get", "configmap", "otel-collector-config", "-n", "phoenix-experiments", "-o", "yaml"])).toMatch(/send_batch_size: 4096/);
    const before = await podNames("phoenix-experiments", "app=otel-collector");
    expect(await ok(["rollout", "restart", "daemonset/otel-collector", "-n", "phoenix-experiments"])).toMatch(/daemonset.apps\/otel-collector restarted/);
    expect(await ok(["rollout", "status", "daemonset/otel-collector", "-n", "phoenix-experiments", "--timeout=90s"])).toMatch(/successfully rolled out/);
    await expect.poll(async () => (await podNames("phoenix-experiments", "app=otel-collector")).filter((n) => before.includes(n)), { timeout: 10_000 }).toEqual([]);
    const logs = await kubectl(["logs", "-n", "phoenix-experiments", "daemonset/otel-collector"]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/processor\/batch|exporter\/prometheus/);
  });

  it("runbook 3.1: apply the deployment record ConfigMap, again unchanged", async () => {
    const record = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deployment-v2.4.0\n  namespace: phoenix-system\ndata:\n  version: \"v2.4.0\"\n  environment: \"production\"\n";
    expect(await ok(["apply", "-f", "-"], record)).toMatch(/configmap\/deployment-v2.4.0 created/);
    expect(await ok(["apply", "-f", "-"], record)).toMatch(/configmap\/deployment-v2.4.0 unchanged/);
    expect(await ok(["get", "configmap", "deployment-v2.4.0", ...NS, "-o", "jsonpath={.data.version}"])).toBe("v2.4.0");
  });

  it("runbook 3.2: hotfix on one pod (json patch), logs, scale back", async () => {
    expect(await ok(["patch", "deployment", "phoenix-api", ...NS, "--type=json", "-p", '[{"op": "replace", "path": "/spec/replicas", "value": 1}]'])).toMatch(/deployment.apps\/phoenix-api patched/);
    await expect.poll(async () => (await podNames("phoenix-system", "app=phoenix-api")).length, { timeout: 15_000 }).toBe(1);
    await ok(["set", "image", "deployment/phoenix-api", "api=ghcr.io/phoenix/platform/api:hotfix-1a2b3c4", ...NS]);
    expect(await ok(["rollout", "status", "deployment/phoenix-api", ...NS, "--timeout=60s"])).toMatch(/successfully rolled out/);
    expect((await ok(["logs", ...NS, "deployment/phoenix-api", "--tail=50"])).trim().split("\n").length).toBeGreaterThan(0);
    await ok(["scale", "deployment/phoenix-api", "--replicas=3", ...NS]);
    expect(await ok(["rollout", "status", "deployment/phoenix-api", ...NS, "--timeout=60s"])).toMatch(/successfully rolled out/);
    expect(await ok(["get", "pods", ...NS, "-l", "app=phoenix-api", "-o", "jsonpath={.items[*].spec.containers[0].image}"])).toBe(Array(3).fill("ghcr.io/phoenix/platform/api:hotfix-1a2b3c4").join(" "));
  });

  it("runbook 6.1: top pods sorted by cpu, top pod by label", async () => {
    const sorted = await ok(["top", "pods", ...NS, "--sort-by=cpu"]);
    const cpu = sorted.trim().split("\n").slice(1).map((l) => Number((l.split(/\s+/)[1] ?? "").replace("m", "")));
    expect(cpu.length).toBeGreaterThan(5);
    expect(cpu).toEqual([...cpu].sort((a, b) => b - a));
    expect(await ok(["top", "pod", ...NS, "-l", "app=phoenix-api"])).toMatch(/phoenix-api-/);
  });

  it("runbook 7.1: rotate the TLS secret and restart the ingress controller", async () => {
    const files = path.join(dir, "tls");
    await new Promise<void>((resolve, reject) =>
      execFile("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", `${files}.key`, "-out", `${files}.crt`, "-days", "1", "-subj", "/CN=api.phoenix.io"], (err) => (err ? reject(err) : resolve())),
    );
    const yaml = await ok(["create", "secret", "tls", "phoenix-tls", `--cert=${files}.crt`, `--key=${files}.key`, "--dry-run=client", "-o", "yaml", ...NS]);
    expect(await ok(["apply", "-f", "-", ...NS], yaml)).toMatch(/secret\/phoenix-tls configured/);
    const crt = await ok(["get", "secret", "phoenix-tls", ...NS, "-o", "jsonpath={.data.tls\\.crt}"]);
    expect(Buffer.from(crt, "base64").toString()).toMatch(/^-----BEGIN CERTIFICATE-----\nMII/);
    expect(await ok(["rollout", "restart", "deployment/ingress-nginx-controller", "-n", "ingress-nginx"])).toMatch(/restarted/);
  });

  it("runbook 7.2: the security audit's commands", async () => {
    const images = (await ok(["get", "pods", ...NS, "-o", "jsonpath={.items[*].spec.containers[*].image}"])).split(" ");
    expect(images).toEqual(expect.arrayContaining(["postgres:15.6", "redis:7.2"]));
    const can = await ok(["auth", "can-i", "--list", "--as=system:serviceaccount:phoenix-system:default"]);
    expect(can).toMatch(/selfsubjectaccessreviews.authorization.k8s.io\s+\[\]\s+\[\]\s+\[create\]/);
    expect(can).not.toMatch(/secrets/);
    expect(await ok(["get", "networkpolicies", ...NS])).toMatch(/phoenix-api-ingress\s+app=phoenix-api/);
    const exposed = (await ok(["get", "services", "-A", "-o", "wide"])).split("\n").filter((l) => /LoadBalancer|NodePort/.test(l));
    expect(exposed).toHaveLength(1);
    expect(exposed[0]).toMatch(/ingress-nginx\s+ingress-nginx-controller\s+LoadBalancer\s+\S+\s+203.0.113.10\s+80:31080\/TCP,443:31443\/TCP/);
    expect(await ok(["logs", "-n", "kube-system", "-l", "component=kube-apiserver"])).toMatch(/INFO/);
    const contexts = (await ok(["get", "pods", ...NS, "-o", 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.securityContext}{"\\n"}{end}'])).trim().split("\n");
    expect(contexts.find((l) => l.startsWith("phoenix-api-"))).toMatch(/\t\{.*"runAsNonRoot":true/);
    expect(contexts.find((l) => l.startsWith("redis-"))).toMatch(/\t\{\}$/);
  });

  it("runbook 8.1: cordon and drain every node in turn (by -o name), then check health", async () => {
    const nodes = (await ok(["get", "nodes", "-o", "name"])).trim().split("\n");
    expect(nodes).toEqual(["node/phoenix-node-1", "node/phoenix-node-2", "node/phoenix-node-3"]);
    for (const node of nodes) {
      expect(await ok(["cordon", node])).toMatch(/cordoned/);
      const drain = await kubectl(["drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=90s"]);
      expect(drain.code, drain.stderr).toBe(0);
      expect(await ok(["uncordon", node])).toMatch(/uncordoned/);
    }
    // The control plane's static pods are mirror pods: drain leaves them where they are.
    expect(await podNames("kube-system", "tier=control-plane")).toHaveLength(4);
    expect(await ok(["get", "nodes"])).not.toMatch(/SchedulingDisabled|NotReady/);
    await expect
      .poll(async () => (await ok(["get", "pods", "-A"])).trim().split("\n").slice(1).filter((l) => !/\sRunning\s/.test(l)), { timeout: 20_000 })
      .toEqual([]);
  });

  it("important commands: events across namespaces, top nodes, top pods by memory, follow logs of many pods", async () => {
    const events = (await ok(["get", "events", "-A", "--sort-by=.lastTimestamp"])).trim().split("\n");
    expect(events[0]).toMatch(/NAMESPACE\s+LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE/);
    expect(new Set(events.slice(1).map((l) => l.split(/\s+/)[0])).size).toBeGreaterThan(2);
    expect(await ok(["top", "nodes"])).toMatch(/phoenix-node-1\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%/);
    const mem = (await ok(["top", "pods", "-A", "--sort-by=memory"])).trim().split("\n").slice(1).map((l) => Number((l.split(/\s+/)[3] ?? "").replace("Mi", "")));
    expect(mem).toEqual([...mem].sort((a, b) => b - a));
    // -f keeps streaming: read until lines from every pod arrived, then stop it as a user would.
    const child = spawn(bin, ["logs", ...NS, "-l", "app=phoenix-api", "-f", "--max-log-requests=10", "--prefix", "--tail=1"], { env: env() });
    const pods = await podNames("phoenix-system", "app=phoenix-api");
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    await expect.poll(() => pods.every((p) => out.includes(`[pod/${p}/api]`)) && out.split("\n").length > pods.length + 1, { timeout: 15_000 }).toBe(true);
    child.kill();
  });
});
