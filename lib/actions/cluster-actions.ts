import "server-only";
import { z } from "zod";
import { drainNode, planDrain, setNodeCordon } from "@/lib/ops/kube/drain-node";
import { previewRestart, restartWorkload } from "@/lib/ops/kube/restart-workload";
import { rolloutUndo } from "@/lib/ops/kube/rollout-history";
import { editConfigMap } from "@/lib/ops/kube/configmap-edit";
import { setDeploymentImage } from "@/lib/ops/kube/set-image";
import { getDeploymentScale, scaleDeployment } from "@/lib/ops/kube/scale-deployment";
import { isShownNamespace, namespaceRefusal } from "@/lib/ops/kube/shown-namespace";
import { defineAction } from "./define-action";

const name = z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes object name").max(253);
// Writes are fenced like reads: a namespace outside CLUSTER_NAMESPACES never reaches the cluster.
const namespace = name.superRefine((ns, ctx) => {
  if (!isShownNamespace(ns)) ctx.addIssue({ code: "custom", message: namespaceRefusal(ns) });
});
const workload = z.object({ namespace, kind: z.enum(["Deployment", "DaemonSet"]), name }).strict();

/** Runbook 2.1 step 5 and 2.4: rollout restart, previewed with the pods it will replace. */
export const clusterRolloutRestart = defineAction({
  id: "cluster.rollout-restart",
  title: "Rollout restart",
  description: "Replace every pod of the workload, a few at a time (kubectl rollout restart).",
  input: workload,
  risk: "destructive",
  target: (i) => `${i.kind.toLowerCase()}/${i.name} -n ${i.namespace}`,
  preview: async (i) => {
    const { pods } = await previewRestart(i);
    return {
      summary: `Restart ${i.kind.toLowerCase()}/${i.name} in ${i.namespace}: its ${pods.length} pods are replaced one batch at a time (server dry run passed).`,
      items: pods.map((p) => ({ label: p.name, detail: `${p.status}, ${p.ready} ready, ${p.restarts} restarts, on ${p.node ?? "no node"}` })),
    };
  },
  run: (i) => restartWorkload(i),
  summarise: (r) => ({ restartedAt: r.restartedAt, replaces: r.replaces }),
});

/** Runbook 2.1 step 6: scale, previewed as current → new. */
export const clusterScale = defineAction({
  id: "cluster.scale",
  title: "Scale deployment",
  description: "Set the number of replicas (kubectl scale).",
  input: z.object({ namespace, name, replicas: z.number().int().min(0).max(100) }).strict(),
  risk: "destructive",
  target: (i) => `deployment/${i.name} -n ${i.namespace}`,
  preview: async (i) => {
    const now = await getDeploymentScale(i);
    await scaleDeployment({ ...i, dryRun: true });
    return {
      summary: `Scale deployment/${i.name} in ${i.namespace} from ${now.replicas} to ${i.replicas} replicas (server dry run passed).`,
      items: [{ label: `${now.replicas} → ${i.replicas} replicas`, detail: `${now.current} pods exist now` }],
      warnings: i.replicas === 0 ? ["Scaling to 0 stops the service entirely."] : i.replicas < now.replicas ? ["Fewer replicas: check the load first."] : undefined,
    };
  },
  run: (i) => scaleDeployment(i),
  summarise: (r) => ({ replicas: { before: r.before, after: r.replicas } }),
});

/** Runbook 2.1 step 9 / 3.1 rollback: rollout undo to a chosen revision, previewed image → image. */
export const clusterRolloutUndo = defineAction({
  id: "cluster.rollout-undo",
  title: "Roll back deployment",
  description: "Return the deployment to an earlier revision's pod template (kubectl rollout undo).",
  // 0 = the previous revision, as kubectl rollout undo without --to-revision.
  input: z.object({ namespace, name, toRevision: z.number().int().min(0) }).strict(),
  risk: "destructive",
  target: (i) => `deployment/${i.name} -n ${i.namespace}`,
  preview: async (i) => {
    const plan = await rolloutUndo({ ...i, dryRun: true });
    return {
      summary: `Roll deployment/${i.name} back from revision ${plan.from.revision} to revision ${plan.to.revision} (server dry run passed). Its pods are replaced gradually.`,
      items: plan.from.images.map((img, n) => ({ label: `${img} → ${plan.to.images[n] ?? "(none)"}` })),
    };
  },
  run: (i) => rolloutUndo(i),
  summarise: (r) => ({ revision: { before: r.from.revision === null ? null : Number(r.from.revision), after: r.to.revision }, images: { before: r.from.images, after: r.to.images } }),
});

// registry/repository[:tag][@sha256:digest], as a container runtime accepts it.
const imageRef = z
  .string()
  .max(512)
  .regex(/^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(@sha256:[a-f0-9]{64})?$/, "must be an image reference like ghcr.io/phoenix/platform/api:v2.3.2");

/** Runbook 3.2: `kubectl set image deployment/NAME CONTAINER=IMAGE`, previewed old → new. */
export const clusterSetImage = defineAction({
  id: "cluster.set-image",
  title: "Set image",
  description: "Change one container's image; the deployment rolls its pods (kubectl set image).",
  input: z.object({ namespace, name, container: name, image: imageRef }).strict(),
  risk: "destructive",
  target: (i) => `deployment/${i.name} -n ${i.namespace}`,
  preview: async (i) => {
    const plan = await setDeploymentImage({ ...i, dryRun: true });
    return {
      summary: `Set the image of container ${i.container} in deployment/${i.name} (server dry run passed). Its pods roll to the new image.`,
      items: [{ label: `${plan.from} → ${plan.to}` }],
      warnings: plan.from === plan.to ? ["The image is unchanged: nothing will roll."] : undefined,
    };
  },
  run: (i) => setDeploymentImage(i),
  summarise: (r) => ({ container: r.container, image: { before: r.from, after: r.to } }),
});

/** Runbook 2.4: cordon or uncordon a node (no new pods are scheduled on a cordoned node). */
export const clusterCordon = defineAction({
  id: "cluster.cordon",
  title: "Cordon or uncordon node",
  description: "Stop (or resume) scheduling new pods on a node (kubectl cordon / uncordon).",
  input: z.object({ node: name, cordon: z.boolean() }).strict(),
  risk: "write",
  target: (i) => `node/${i.node}`,
  run: (i) => setNodeCordon(i),
  summarise: (r) => ({ node: r.node, unschedulable: { before: r.before, after: r.unschedulable } }),
});

/** Runbook 2.4: cordon and drain a node, previewed with the pods that will be evicted. */
export const clusterDrain = defineAction({
  id: "cluster.drain",
  title: "Drain node",
  description: "Cordon the node and evict its pods, honouring disruption budgets (kubectl drain --ignore-daemonsets).",
  input: z.object({ node: name }).strict(),
  risk: "destructive",
  timeoutMs: 60_000,
  target: (i) => `node/${i.node}`,
  preview: async (i) => {
    const plan = await planDrain(i);
    return {
      summary: `Cordon ${i.node} and evict ${plan.evict.length} pods; their controllers start replacements on other nodes.`,
      items: [
        ...plan.evict.map((p) => ({ label: `${p.namespace}/${p.name}`, detail: `evicted (${p.status})` })),
        ...plan.skipped.map((s) => ({ label: `${s.pod.namespace}/${s.pod.name}`, detail: s.reason })),
      ],
      warnings: plan.evict.length === 0 ? ["Nothing to evict: only the cordon applies."] : undefined,
    };
  },
  run: (i, ctx) => drainNode({ node: i.node, deadlineMs: 45_000, signal: ctx.signal }),
  summarise: (r) => ({
    unschedulable: { before: r.wasUnschedulable, after: true },
    evicted: r.evicted,
    // Still on the node: refused by a disruption budget until the deadline, or not drained by design.
    stayed: [...r.blocked.map((b) => ({ pod: b.pod, why: b.message })), ...r.skipped.map((s) => ({ pod: s.pod, why: s.reason }))],
  }),
});

/** Runbooks 2.3 step 6 and 2.4 step 4: set settings in a ConfigMap's file, previewed as a diff. */
export const clusterEditConfig = defineAction({
  id: "cluster.edit-config",
  title: "Edit ConfigMap",
  description: "Set named settings in one file of a ConfigMap (kubectl edit configmap, made precise).",
  input: z
    .object({
      namespace,
      name,
      key: z.string().min(1).max(253).regex(/^[-._a-zA-Z0-9]+$/, "must be a ConfigMap key"),
      edits: z.array(z.object({ setting: z.string().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/, "must be a setting name"), value: z.string().min(1).max(200).regex(/^[^\n\r#;]+$/, "one value, no comments or line breaks") }).strict()).min(1).max(10),
    })
    .strict(),
  risk: "destructive",
  target: (i) => `configmap/${i.name} -n ${i.namespace} ${i.key}`,
  preview: async (i) => {
    const plan = await editConfigMap({ ...i, dryRun: true });
    return {
      summary: plan.changes.length
        ? `Change ${plan.changes.length} setting${plan.changes.length === 1 ? "" : "s"} in ${i.key} of configmap/${i.name} (server dry run passed). Pods read it when they restart.`
        : `Nothing to change: ${i.key} already has these values.`,
      items: plan.changes.map((c) => ({ label: `${c.setting}: ${c.from} → ${c.to}`, detail: `line ${c.line}` })),
      diff: plan.diff || undefined,
    };
  },
  run: async (i) => {
    const res = await editConfigMap(i);
    return { changes: res.changes };
  },
  summarise: (r, i) => ({ key: i.key, changed: r.changes.map((c) => ({ setting: c.setting, before: c.from, after: c.to })) }),
});
