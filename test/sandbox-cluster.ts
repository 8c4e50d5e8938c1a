// A fresh sandbox cluster for one test file, with KUBECONFIG pointing at it for lib/ops/kube.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { resetKubeClients } from "@/lib/ops/kube/client";
import { type Sandbox, startSandbox } from "@/sandbox/server";

export function useSandboxCluster(): { sandbox: Sandbox; dir: string } {
  const ctx = {} as { sandbox: Sandbox; dir: string };
  beforeAll(async () => {
    ctx.dir = mkdtempSync(path.join(tmpdir(), "phoenix-sandbox-"));
    ctx.sandbox = await startSandbox({ dir: ctx.dir });
    process.env.KUBECONFIG = ctx.sandbox.kubeconfigPath;
    resetKubeClients();
  });
  afterAll(async () => {
    await ctx.sandbox?.close();
    if (ctx.dir) rmSync(ctx.dir, { recursive: true, force: true });
    delete process.env.KUBECONFIG;
    resetKubeClients();
  });
  return ctx;
}
