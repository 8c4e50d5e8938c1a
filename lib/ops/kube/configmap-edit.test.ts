// Runbooks 2.3/2.4's ConfigMap edits: settings set in place, shown as a diff, applied with a
// precondition against the sandbox cluster.
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { useSandboxCluster } from "@/test/sandbox-cluster";
import { applySettings, editConfigMap, unifiedDiff } from "./configmap-edit";

const cluster = useSandboxCluster();

describe("settings in a config file", () => {
  it("sets ini and YAML values in place, keeping indentation and separators, ignoring comments", () => {
    const ini = "[pgbouncer]\n; max_client_conn = 1\nmax_client_conn = 200\ndefault_pool_size=20\n";
    const r = applySettings(ini, [{ setting: "max_client_conn", value: "400" }, { setting: "default_pool_size", value: "40" }]);
    expect(r.text).toBe("[pgbouncer]\n; max_client_conn = 1\nmax_client_conn = 400\ndefault_pool_size=40\n");
    expect(r.changes).toEqual([{ setting: "max_client_conn", from: "200", to: "400", line: 3 }, { setting: "default_pool_size", from: "20", to: "40", line: 4 }]);
    const yaml = "processors:\n  batch:\n    send_batch_size: 8192\n    timeout: 5s\n";
    expect(applySettings(yaml, [{ setting: "send_batch_size", value: "1000" }]).text).toBe("processors:\n  batch:\n    send_batch_size: 1000\n    timeout: 5s\n");
    expect(applySettings(yaml, [{ setting: "send_batch_size", value: "8192" }]).changes).toEqual([]);
    expect(() => applySettings(yaml, [{ setting: "max_batch", value: "1" }])).toThrow("no line sets max_batch");
  });

  it("diffs with context", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    const after = "a\nb\nc\nD\ne\nf\ng\nh\n";
    expect(unifiedDiff(before, after, "x")).toBe("--- x\n+++ x\n@@ -2,5 +2,5 @@\n b\n c\n-d\n+D\n e\n f");
    expect(unifiedDiff(before, before, "x")).toBe("");
  });
});

describe("editing a ConfigMap in the cluster", () => {
  const target = { namespace: "phoenix-system", name: "pgbouncer-config", key: "pgbouncer.ini" };
  const read = async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.sandbox.kubeconfigPath);
    return (await kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: target.name, namespace: target.namespace })).data![target.key]!;
  };

  it("previews with a server dry run that stores nothing, then applies", async () => {
    const before = await read();
    const plan = await editConfigMap({ ...target, edits: [{ setting: "max_client_conn", value: "400" }], dryRun: true });
    expect(plan.diff).toContain("-max_client_conn = 200\n+max_client_conn = 400");
    expect(await read()).toBe(before);
    await editConfigMap({ ...target, edits: [{ setting: "max_client_conn", value: "400" }] });
    expect(await read()).toBe(before.replace("max_client_conn = 200", "max_client_conn = 400"));
  });

  it("names a missing key or setting", async () => {
    await expect(editConfigMap({ ...target, key: "nope.ini", edits: [{ setting: "a", value: "1" }] })).rejects.toThrow(/has no key nope.ini \(it has: pgbouncer.ini\)/);
    await expect(editConfigMap({ ...target, edits: [{ setting: "max_conn", value: "1" }] })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
