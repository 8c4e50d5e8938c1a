// Cluster writes stay inside CLUSTER_NAMESPACES, as reads do: a namespace outside the list is
// a 422 naming it, before any intent is written or the cluster is asked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireKube } from "@/lib/ops/kube/client";
import { PEOPLE, refusal } from "@/test/actions";
import { useSandboxCluster } from "@/test/sandbox-cluster";
import { makeTestStore, type TestStore } from "@/test/stores";
import { runAction } from "./run-action";

useSandboxCluster();
let t: TestStore;
beforeAll(async () => {
  t = await makeTestStore("pglite");
  // A workload in a namespace the console does not manage (the sandbox's "default").
  await requireKube().apps.createNamespacedDeployment({
    namespace: "default",
    body: {
      metadata: { name: "outsider", labels: { app: "outsider" } },
      spec: { replicas: 1, selector: { matchLabels: { app: "outsider" } }, template: { metadata: { labels: { app: "outsider" } }, spec: { containers: [{ name: "main", image: "busybox:1" }] } } },
    },
  });
});
afterAll(async () => t?.dispose());

const OUTSIDE = ["default", "kube-system"];
const requests = (namespace: string): [string, Record<string, unknown>][] => [
  ["cluster.rollout-restart", { namespace, kind: "Deployment", name: "outsider" }],
  ["cluster.scale", { namespace, name: "outsider", replicas: 3 }],
  ["cluster.rollout-undo", { namespace, name: "outsider", toRevision: 0 }],
  ["cluster.set-image", { namespace, name: "outsider", container: "main", image: "busybox:2" }],
  ["cluster.edit-config", { namespace, name: "coredns", key: "Corefile", edits: [{ setting: "cache", value: "0" }] }],
];

describe("cluster writes outside CLUSTER_NAMESPACES", () => {
  it.each(OUTSIDE.flatMap((ns) => requests(ns)))("%s is refused with a 422 naming the namespace, and nothing is run", async (id, input) => {
    const before = await t.store.prisma.auditEvent.count({ where: { action: id } });
    const err = await refusal(runAction({ id, request: { input, confirm: true, reason: "probing the fence" }, actor: PEOPLE.admin, store: t.store }));
    expect(err.status).toBe(422);
    expect(err.details.issues).toEqual([{ path: "input.namespace", message: expect.stringMatching(/CLUSTER_NAMESPACES/) }]);
    expect(await t.store.prisma.auditEvent.count({ where: { action: id } })).toBe(before);
    const outsider = await requireKube().apps.readNamespacedDeployment({ namespace: "default", name: "outsider" });
    expect(outsider.spec?.replicas).toBe(1);
    expect(outsider.spec?.template.spec?.containers[0]?.image).toBe("busybox:1");
  });

  it("still runs inside them", async () => {
    const res = await runAction({ id: "cluster.scale", request: { input: { namespace: "phoenix-system", name: "phoenix-api", replicas: 3 }, confirm: true, reason: "inside the fence" }, actor: PEOPLE.sre, store: t.store });
    expect(res.status).toBe("done");
  });
});
