import "server-only";
// The deployment pipeline's changes (runbooks 3.1 and 3.2), each its own audited action. Only the
// console runs them, as system:deploy-pipeline on behalf of whoever executed the deployment (or
// system:deploy-sweeper for a deployment whose console stopped); a person asks with deploy.execute.
import { z } from "zod";
import { markDeploymentInterrupted } from "@/lib/deployments/execute";
import { applyConfigMap } from "@/lib/ops/kube/apply-configmap";
import { isShownNamespace, namespaceRefusal } from "@/lib/ops/kube/shown-namespace";
import { rolloutUndo } from "@/lib/ops/kube/rollout-history";
import { scaleDeployment } from "@/lib/ops/kube/scale-deployment";
import { setDeploymentImage } from "@/lib/ops/kube/set-image";
import { defineAction } from "./define-action";

const name = z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes object name").max(253);
// Fenced like the cluster actions: a namespace outside CLUSTER_NAMESPACES never reaches the cluster.
const namespace = name.superRefine((ns, ctx) => {
  if (!isShownNamespace(ns)) ctx.addIssue({ code: "custom", message: namespaceRefusal(ns) });
});
const deployment = { namespace, name };
const target = (i: { namespace: string; name: string }) => `deployment/${i.name} -n ${i.namespace}`;

/** Runbook 3.1 step 2: the deployment record, a ConfigMap as the seed writes it. */
export const deployRecord = defineAction({
  id: "deploy.record",
  title: "Record deployment",
  description: "Write the deployment record (ConfigMap deployment-<version>) as a deployment starts.",
  input: z.object({ ...deployment, labels: z.record(z.string(), z.string()), data: z.record(z.string(), z.string()) }).strict(),
  risk: "write",
  target: (i) => `configmap/${i.name} -n ${i.namespace}`,
  run: (i) => applyConfigMap(i),
  summarise: (r, i) => ({ configmap: i.name, result: r.result }),
});

/** Runbook 3.1 step 3 / 3.2: set one container's image. */
export const deploySetImage = defineAction({
  id: "deploy.set-image",
  title: "Set image (deployment)",
  description: "Set a container's image as a step of a deployment.",
  input: z.object({ ...deployment, container: name, image: z.string().min(1).max(500) }).strict(),
  risk: "write",
  target,
  run: (i) => setDeploymentImage(i),
  summarise: (r) => ({ container: r.container, image: { before: r.from, after: r.to } }),
});

/** Runbook 3.2: one pod first, then back to the count recorded. */
export const deployScale = defineAction({
  id: "deploy.scale",
  title: "Scale (deployment)",
  description: "Scale a deployment's replicas as a step of a hotfix.",
  input: z.object({ ...deployment, replicas: z.number().int().min(0).max(100) }).strict(),
  risk: "write",
  target,
  run: (i) => scaleDeployment(i),
  summarise: (r) => ({ replicas: { before: r.before, after: r.replicas } }),
});

/** `rollback.sh`: back to the revision recorded before the deployment. */
export const deployRollback = defineAction({
  id: "deploy.rollback",
  title: "Roll back (deployment)",
  description: "Undo a failed deployment's change to the revision it had before.",
  input: z.object({ ...deployment, toRevision: z.number().int().min(0) }).strict(),
  risk: "write",
  target,
  run: (i) => rolloutUndo(i),
  summarise: (r) => ({ revision: { before: r.from.revision === null ? null : Number(r.from.revision), after: r.to.revision }, images: { before: r.from.images, after: r.to.images } }),
});

/** A deployment whose console stopped: marked interrupted with what the cluster runs; its lock released. */
export const deployInterrupt = defineAction({
  id: "deploy.interrupt",
  title: "Mark deployment interrupted",
  description: "Mark a deployment whose console stopped mid-execution as interrupted and release its environment's lock.",
  input: z.object({ id: z.uuid(), heartbeatAt: z.iso.datetime() }).strict(),
  risk: "write",
  target: (i) => `deployment-request:${i.id}`,
  run: (i, ctx) => markDeploymentInterrupted(ctx.store, i.id, new Date(i.heartbeatAt)),
  summarise: (r) => ({ interrupted: r.interrupted, outcome: r.outcome }),
});
