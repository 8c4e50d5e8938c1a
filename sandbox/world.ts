// The simulated cluster's behaviour: controllers (deployment, replicaset, daemonset),
// a scheduler, pod lifecycles, fault scenarios and events. One tick every TICK_MS moves
// everything a step, so a 3-replica rollout completes in a few seconds.
import { findResource, type ResourceDef } from "./resources";
import { type ClusterStore, type Obj, randomSuffix, templateHash } from "./store";

export const TICK_MS = 250;
/** Simulated seconds per real second for deadlines (progressDeadlineSeconds 600 → 30 s). */
export const TIME_SCALE = 20;

export const SCENARIOS = ["api-crashloop", "bad-image", "collector-oom", "node-notready", "experiment-failures", "db-pool-exhausted"] as const;
export type Scenario = (typeof SCENARIOS)[number];

const R = (group: string, version: string, resource: string): ResourceDef => findResource(group, version, resource)!;
export const DEF = {
  pods: R("", "v1", "pods"),
  nodes: R("", "v1", "nodes"),
  events: R("", "v1", "events"),
  namespaces: R("", "v1", "namespaces"),
  deployments: R("apps", "v1", "deployments"),
  replicasets: R("apps", "v1", "replicasets"),
  daemonsets: R("apps", "v1", "daemonsets"),
  controllerrevisions: R("apps", "v1", "controllerrevisions"),
  leases: R("coordination.k8s.io", "v1", "leases"),
};

/** How often a Ready node's kubelet renews its lease and heartbeat (real clusters: 10 s, 40 s for conditions). */
const HEARTBEAT_MS = 10_000;

const REVISION = "deployment.kubernetes.io/revision";
const HASH = "pod-template-hash";
const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");
const ageMs = (o: Obj, field = o.metadata.creationTimestamp) => Date.now() - Date.parse(field ?? "");
const isControlledBy = (o: Obj, owner: Obj) => o.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid) ?? false;
/** The template with its pod-template-hash label removed, keys sorted, for comparing templates. */
const withoutHash = (template: Obj["spec"]) => {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[HASH];
  return sortKeys(t);
};

/** Keys sorted and nulls dropped: kubectl's Go structs send `creationTimestamp: null` in templates. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .filter((k) => (v as Record<string, unknown>)[k] !== null)
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export function isBadImage(image: string | undefined) {
  return !!image && /(-bad|broken|doesnotexist)(\b|$)/.test(image);
}

export class World {
  readonly scenarios = new Set<Scenario>();
  private timer?: NodeJS.Timeout;
  /** Per pod: when the current container started, and crash bookkeeping. */
  private readonly lifecycle = new Map<string, { startedAt: number; nextCrashAt?: number }>();
  /** While warming up, pods skip their start-up delays: the seeded cluster starts out running. */
  private warming = false;

  constructor(readonly store: ClusterStore) {}

  start() {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
  }

  setScenario(name: Scenario, on: boolean) {
    if (on) this.scenarios.add(name);
    else this.scenarios.delete(name);
    if (name === "bad-image" && on) {
      // A release whose image cannot be pulled: the rollout starts and never becomes ready.
      this.store.mutate(DEF.deployments, "phoenix-system", "phoenix-api", (d) => {
        const c = d.spec.template.spec.containers[0];
        c.image = c.image.replace(/:[^:]+$/, ":v2.4.0-bad");
        d.metadata.annotations = { ...d.metadata.annotations, "kubernetes.io/change-cause": "release v2.4.0 (bad image)" };
      });
    }
    if (name === "node-notready") this.setNodeReady("phoenix-node-3", !on);
  }

  /** Runs ticks until the seeded workloads are up, without waiting real time. */
  warmUp(ticks = 12) {
    this.warming = true;
    try {
      for (let i = 0; i < ticks; i++) this.tick();
    } finally {
      this.warming = false;
    }
  }

  /** Pods by their controller's uid, rebuilt each tick from the live store (read-only). */
  private podsByOwner = new Map<string, Obj[]>();

  private ownedPods(owner: Obj): Obj[] {
    return this.podsByOwner.get(owner.metadata.uid!) ?? [];
  }

  tick() {
    this.podsByOwner = new Map();
    for (const p of this.store.peek(DEF.pods)) {
      const uid = p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
      if (uid) this.podsByOwner.set(uid, [...(this.podsByOwner.get(uid) ?? []), p]);
    }
    try {
      for (const d of this.store.list(DEF.deployments)) this.syncDeployment(d);
      for (const rs of this.store.list(DEF.replicasets)) this.syncReplicaSet(rs);
      for (const ds of this.store.list(DEF.daemonsets)) this.syncDaemonSet(ds);
      this.syncPods();
      this.heartbeat();
    } catch (err) {
      console.error("sandbox tick failed", err);
    }
  }

  // ---- Deployments ---------------------------------------------------------------------
  private syncDeployment(d: Obj) {
    const ns = d.metadata.namespace!;
    const owned = this.store.peek(DEF.replicasets, ns).filter((rs) => isControlledBy(rs, d)).map((rs) => structuredClone(rs));
    const wanted = JSON.stringify(withoutHash(d.spec.template));
    const maxRevision = Math.max(0, ...owned.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0)));
    let newRs = owned
      .filter((rs) => JSON.stringify(withoutHash(rs.spec.template)) === wanted)
      .sort((a, b) => Date.parse(a.metadata.creationTimestamp!) - Date.parse(b.metadata.creationTimestamp!))[0];

    if (!newRs) {
      const hash = templateHash(withoutHash(d.spec.template));
      const template = structuredClone(d.spec.template);
      template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [HASH]: hash } };
      const annotations = Object.fromEntries(
        Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !k.startsWith("deployment.kubernetes.io/") && k !== "kubectl.kubernetes.io/last-applied-configuration"),
      );
      newRs = this.store.create(DEF.replicasets, ns, {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          labels: { ...template.metadata.labels },
          annotations: { ...annotations, [REVISION]: String(maxRevision + 1), "deployment.kubernetes.io/desired-replicas": String(d.spec.replicas ?? 1) },
          ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: d.metadata.name, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        spec: { replicas: 0, selector: { matchLabels: { ...d.spec.selector?.matchLabels, [HASH]: hash } }, template },
      });
      this.event(d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${newRs.metadata.name} to 0`);
    } else if (Number(newRs.metadata.annotations?.[REVISION] ?? 0) < maxRevision) {
      // Rollback: the old ReplicaSet is adopted as the newest revision.
      const old = newRs.metadata.annotations?.[REVISION] ?? "0";
      newRs = this.store.mutate(DEF.replicasets, ns, newRs.metadata.name, (rs) => {
        const history = rs.metadata.annotations?.["deployment.kubernetes.io/revision-history"];
        rs.metadata.annotations = {
          ...rs.metadata.annotations,
          [REVISION]: String(maxRevision + 1),
          "deployment.kubernetes.io/revision-history": history ? `${history},${old}` : old,
        };
        const cause = d.metadata.annotations?.["kubernetes.io/change-cause"];
        if (cause) rs.metadata.annotations["kubernetes.io/change-cause"] = cause;
      })!;
    }

    const desired = d.spec.replicas ?? 1;
    const olds = owned.filter((rs) => rs.metadata.uid !== newRs!.metadata.uid);
    const podsOf = (rs: Obj) => this.ownedPods(rs).filter((p) => !p.metadata.deletionTimestamp);
    const readyOf = (rs: Obj) => podsOf(rs).filter(isPodReady).length;

    if (!d.spec.paused) {
      const { surge, unavailable } = rollingParams(d, desired);
      const oldTotal = olds.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
      const newCount = newRs.spec.replicas ?? 0;
      // Scale the new ReplicaSet up, within the surge.
      const target = Math.min(desired, Math.max(newCount, desired + surge - oldTotal));
      // With no old ReplicaSet still running (or more new pods than wanted) this is a plain scale.
      if ((oldTotal === 0 && newCount !== desired) || newCount > desired) this.scaleRs(d, newRs, desired);
      else if (target > newCount) this.scaleRs(d, newRs, target);
      // Scale old ReplicaSets down, keeping enough available.
      const available = [newRs, ...olds].reduce((n, rs) => n + readyOf(rs), 0);
      let canRemove = Math.max(0, available - (desired - unavailable));
      for (const rs of olds) {
        const count = rs.spec.replicas ?? 0;
        if (count === 0) continue;
        // Old pods that are not ready can always go.
        const unready = podsOf(rs).length - readyOf(rs);
        const drop = Math.min(count, Math.max(unready, canRemove));
        if (drop > 0) {
          this.scaleRs(d, rs, count - drop);
          canRemove = Math.max(0, canRemove - drop);
        }
      }
      // Prune old empty ReplicaSets beyond the history limit.
      const empty = olds.filter((rs) => (rs.spec.replicas ?? 0) === 0 && podsOf(rs).length === 0);
      const limit = d.spec.revisionHistoryLimit ?? 10;
      empty
        .sort((a, b) => Number(a.metadata.annotations?.[REVISION]) - Number(b.metadata.annotations?.[REVISION]))
        .slice(0, Math.max(0, empty.length - limit))
        .forEach((rs) => this.store.remove(DEF.replicasets, ns, rs.metadata.name));
    }

    // Status, as `kubectl rollout status` reads it.
    const all = [newRs, ...olds];
    const total = all.reduce((n, rs) => n + podsOf(rs).length, 0);
    const updated = podsOf(newRs).length;
    const ready = all.reduce((n, rs) => n + readyOf(rs), 0);
    const updatedReady = readyOf(newRs);
    const complete = updated === desired && updatedReady === desired && total === desired;
    const revision = newRs.metadata.annotations?.[REVISION] ?? "1";
    this.store.mutate(DEF.deployments, ns, d.metadata.name, (dep) => {
      dep.metadata.annotations = { ...dep.metadata.annotations, [REVISION]: revision };
    });
    this.store.mutate(
      DEF.deployments,
      ns,
      d.metadata.name,
      (dep) => {
        const prev = dep.status ?? {};
        const deadlineMs = ((dep.spec.progressDeadlineSeconds ?? 600) * 1000) / TIME_SCALE;
        const rolloutStart = complete ? undefined : (prev.rolloutStartedAt ?? Date.now());
        const stalled = !complete && rolloutStart !== undefined && Date.now() - rolloutStart > deadlineMs;
        const progressingCond = complete
          ? { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${newRs!.metadata.name}" has successfully progressed.` }
          : stalled
            ? { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${newRs!.metadata.name}" has timed out progressing.` }
            : { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "${newRs!.metadata.name}" is progressing.` };
        const availableCond = {
          type: "Available",
          status: ready >= desired - rollingParams(dep, desired).unavailable ? "True" : "False",
          reason: ready >= desired - rollingParams(dep, desired).unavailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
          message: ready >= desired - rollingParams(dep, desired).unavailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
        };
        const keepTimes = (c: { type: string; status: string; reason: string; message: string }) => {
          const old = (prev.conditions ?? []).find((x: { type: string }) => x.type === c.type);
          const same = old && old.status === c.status && old.reason === c.reason;
          return { ...c, lastUpdateTime: same ? old.lastUpdateTime : now(), lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : now() };
        };
        dep.status = {
          observedGeneration: dep.metadata.generation,
          replicas: total,
          updatedReplicas: updated,
          readyReplicas: ready,
          availableReplicas: ready,
          ...(total - ready > 0 ? { unavailableReplicas: total - ready } : {}),
          conditions: [keepTimes(availableCond), keepTimes(progressingCond)],
          ...(rolloutStart !== undefined ? { rolloutStartedAt: rolloutStart } : {}),
        };
        if (!dep.status.replicas) delete dep.status.readyReplicas;
      },
      "status",
    );
  }

  private scaleRs(owner: Obj, rs: Obj, replicas: number) {
    const from = rs.spec.replicas ?? 0;
    if (from === replicas) return;
    this.store.mutate(DEF.replicasets, rs.metadata.namespace, rs.metadata.name, (r) => {
      r.spec.replicas = replicas;
      r.metadata.annotations = { ...r.metadata.annotations, "deployment.kubernetes.io/desired-replicas": String(owner.spec.replicas ?? 1) };
    });
    rs.spec.replicas = replicas;
    this.event(owner, "Normal", "ScalingReplicaSet", `Scaled ${replicas > from ? "up" : "down"} replica set ${rs.metadata.name} to ${replicas}`);
  }

  // ---- ReplicaSets ----------------------------------------------------------------------
  private syncReplicaSet(rs: Obj) {
    const ns = rs.metadata.namespace!;
    const pods = this.ownedPods(rs);
    const live = pods.filter((p) => !p.metadata.deletionTimestamp);
    const want = rs.spec.replicas ?? 0;
    for (let i = live.length; i < want; i++) this.createPod(rs, rs.spec.template, this.freePodName(ns, rs.metadata.name));
    if (live.length > want) {
      const victims = [...live].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || Date.parse(b.metadata.creationTimestamp!) - Date.parse(a.metadata.creationTimestamp!));
      for (const p of victims.slice(0, live.length - want)) this.terminatePod(p);
    }
    const ready = live.filter(isPodReady).length;
    this.store.mutate(
      DEF.replicasets,
      ns,
      rs.metadata.name,
      (r) => {
        r.status = { replicas: Math.min(live.length, want) || live.length, fullyLabeledReplicas: live.length, readyReplicas: ready, availableReplicas: ready, observedGeneration: r.metadata.generation };
        if (!ready) delete r.status.readyReplicas;
      },
      "status",
    );
  }

  // ---- DaemonSets -------------------------------------------------------------------------
  private syncDaemonSet(ds: Obj) {
    const ns = ds.metadata.namespace!;
    const hash = templateHash(withoutHash(ds.spec.template));
    const nodes = this.store.list(DEF.nodes);
    const pods = this.ownedPods(ds);
    let rolled = false;
    for (const node of nodes) {
      const here = pods.filter((p) => p.spec.nodeName === node.metadata.name && !p.metadata.deletionTimestamp);
      if (here.length === 0) {
        const template = structuredClone(ds.spec.template);
        template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, "controller-revision-hash": hash } };
        this.createPod(ds, template, this.freePodName(ns, ds.metadata.name), node.metadata.name);
      } else if (!rolled && here.some((p) => p.metadata.labels?.["controller-revision-hash"] !== hash) && pods.every((p) => p.metadata.deletionTimestamp || isPodReady(p))) {
        // Rolling update, one node at a time (maxUnavailable 1).
        here.forEach((p) => this.terminatePod(p));
        rolled = true;
      }
    }
    const live = pods.filter((p) => !p.metadata.deletionTimestamp);
    const ready = live.filter(isPodReady).length;
    const updated = live.filter((p) => p.metadata.labels?.["controller-revision-hash"] === hash).length;
    this.store.mutate(
      DEF.daemonsets,
      ns,
      ds.metadata.name,
      (d) => {
        d.status = {
          currentNumberScheduled: live.length,
          desiredNumberScheduled: nodes.length,
          numberMisscheduled: 0,
          numberReady: ready,
          numberAvailable: ready,
          updatedNumberScheduled: updated,
          observedGeneration: d.metadata.generation,
          ...(nodes.length - ready > 0 ? { numberUnavailable: nodes.length - ready } : {}),
        };
      },
      "status",
    );
  }

  // ---- Pods -------------------------------------------------------------------------------
  /** `<owner>-<5 random chars>`, drawn again on the rare collision (thousands of pods). */
  private freePodName(ns: string, owner: string): string {
    for (;;) {
      const name = `${owner}-${randomSuffix(5)}`;
      if (!this.store.get(DEF.pods, ns, name)) return name;
    }
  }

  private createPod(owner: Obj, template: Obj["spec"], name: string, nodeName?: string) {
    const pod = this.store.create(DEF.pods, owner.metadata.namespace, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        labels: { ...template.metadata?.labels },
        annotations: { ...template.metadata?.annotations },
        ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: { ...structuredClone(template.spec), ...(nodeName ? { nodeName } : {}) },
      status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: nodeName ? "True" : "False" }], qosClass: "Burstable" },
    });
    return pod;
  }

  terminatePod(p: Obj) {
    if (p.metadata.deletionTimestamp) return;
    this.store.mutate(DEF.pods, p.metadata.namespace, p.metadata.name, (pod) => {
      pod.metadata.deletionTimestamp = now();
      pod.metadata.deletionGracePeriodSeconds = 30;
    });
    this.event(p, "Normal", "Killing", `Stopping container ${p.spec.containers?.[0]?.name ?? "app"}`);
  }

  private syncPods() {
    const nodes = this.store.list(DEF.nodes);
    const schedulable = nodes.filter((n) => !n.spec?.unschedulable && nodeReady(n));
    const load = new Map(nodes.map((n) => [n.metadata.name, 0]));
    const pods = [...this.store.peek(DEF.pods)];
    for (const p of pods) if (p.spec.nodeName) load.set(p.spec.nodeName, (load.get(p.spec.nodeName) ?? 0) + 1);

    for (const p of pods) {
      const ns = p.metadata.namespace!;
      const key = `${ns}/${p.metadata.name}`;
      if (p.metadata.deletionTimestamp) {
        // Terminating pods go after a short grace.
        if (this.warming || ageMs(p, p.metadata.deletionTimestamp) > 1000) {
          this.store.remove(DEF.pods, ns, p.metadata.name);
          this.lifecycle.delete(key);
        }
        continue;
      }
      if (!p.spec.nodeName) {
        const node = [...schedulable].sort((a, b) => (load.get(a.metadata.name) ?? 0) - (load.get(b.metadata.name) ?? 0))[0];
        if (!node) continue;
        load.set(node.metadata.name, (load.get(node.metadata.name) ?? 0) + 1);
        this.store.mutate(DEF.pods, ns, p.metadata.name, (pod) => {
          pod.spec.nodeName = node.metadata.name;
          pod.status.conditions = [{ type: "PodScheduled", status: "True", lastTransitionTime: now() }];
        });
        this.event(p, "Normal", "Scheduled", `Successfully assigned ${ns}/${p.metadata.name} to ${node.metadata.name}`);
        continue;
      }
      this.advancePod(p, key);
    }
  }

  private advancePod(p: Obj, key: string) {
    const containers: { name: string; image: string }[] = p.spec.containers ?? [];
    const age = this.warming ? 60_000 : ageMs(p);
    const crash = this.scenarios.has("api-crashloop") && p.metadata.labels?.app === "phoenix-api";
    const oom = this.scenarios.has("collector-oom") && p.metadata.labels?.app === "otel-collector";
    const badImage = containers.some((c) => isBadImage(c.image));
    const ip = p.spec.hostNetwork ? nodeIp(p.spec.nodeName) : podIp(p.metadata.name);
    const statuses = (ready: boolean, state: object, restartCount = 0, lastState: object = {}) =>
      containers.map((c) => ({ name: c.name, image: c.image, imageID: `${c.image}@sha256:${templateHash(c.image)}`, ready, started: ready, restartCount, state, lastState, containerID: `containerd://${templateHash(p.metadata.uid)}` }));
    const base = (pod: Obj) => {
      pod.status.hostIP = nodeIp(pod.spec.nodeName);
      pod.status.podIP = ip;
      pod.status.podIPs = [{ ip }];
      pod.status.startTime ??= now();
    };

    const started = this.lifecycle.get(key);
    // Steady state costs nothing: a healthy running pod with no fault on it stays as it is.
    if (started && !crash && !oom && !badImage && p.status?.phase === "Running" && isPodReady(p)) return;
    if (age < 400 && !started) return;
    if (badImage) {
      this.store.mutate(DEF.pods, p.metadata.namespace, p.metadata.name, (pod) => {
        base(pod);
        const reason = age < 1500 ? "ErrImagePull" : "ImagePullBackOff";
        pod.status.phase = "Pending";
        pod.status.containerStatuses = statuses(false, { waiting: { reason, message: `Back-off pulling image "${containers[0]?.image}"` } });
        pod.status.conditions = readyConditions(false);
      });
      if (!this.lifecycle.has(key)) {
        this.lifecycle.set(key, { startedAt: Date.now() });
        this.event(p, "Warning", "Failed", `Failed to pull image "${containers[0]?.image}": rpc error: code = NotFound desc = manifest unknown`);
      }
      return;
    }
    if (age < 1200 && !started) {
      this.store.mutate(DEF.pods, p.metadata.namespace, p.metadata.name, (pod) => {
        base(pod);
        pod.status.containerStatuses = statuses(false, { waiting: { reason: "ContainerCreating" } });
        pod.status.conditions = readyConditions(false);
      });
      return;
    }
    let life = this.lifecycle.get(key);
    if (!life) {
      // Seeded pods have been up for a while (and have the logs to show for it).
      life = { startedAt: this.warming ? Date.now() - 30 * 60_000 : Date.now() };
      this.lifecycle.set(key, life);
      this.event(p, "Normal", "Started", `Started container ${containers[0]?.name}`);
    }
    const restarts = p.status.containerStatuses?.[0]?.restartCount ?? 0;
    if (crash || oom) {
      // Crash (or be OOM-killed) a little after each start, then back off.
      const upFor = crash ? 1500 : 8000;
      const running = Date.now() - life.startedAt < upFor;
      if (!running && life.nextCrashAt === undefined) {
        // Back-off doubles with each restart, as the kubelet's does (compressed: 1.5 s … 12 s).
        life.nextCrashAt = Date.now() + Math.min(1500 * 2 ** restarts, 12_000);
        this.event(p, "Warning", "BackOff", `Back-off restarting failed container ${containers[0]?.name} in pod ${p.metadata.name}`);
      }
      if (life.nextCrashAt !== undefined && Date.now() > life.nextCrashAt) {
        life.startedAt = Date.now();
        life.nextCrashAt = undefined;
        // Started again, but a crashing container never passes its readiness probe.
        this.setPod(p, statuses(!crash, { running: { startedAt: now() } }, restarts + 1, crashed(oom)), !crash);
        return;
      }
      if (!running) {
        this.setPod(p, statuses(false, { waiting: { reason: "CrashLoopBackOff", message: `back-off restarting failed container` } }, restarts, crashed(oom)), false);
        return;
      }
    }
    const startedAt = new Date(life.startedAt).toISOString().replace(/\.\d+Z$/, "Z");
    this.setPod(p, statuses(!crash, { running: { startedAt } }, restarts, p.status.containerStatuses?.[0]?.lastState ?? {}), !crash);
  }

  private setPod(p: Obj, containerStatuses: object[], ready: boolean) {
    this.store.mutate(DEF.pods, p.metadata.namespace, p.metadata.name, (pod) => {
      pod.status.phase = "Running";
      pod.status.hostIP = nodeIp(pod.spec.nodeName);
      pod.status.podIP = pod.spec.hostNetwork ? pod.status.hostIP : podIp(pod.metadata.name);
      pod.status.podIPs = [{ ip: pod.status.podIP }];
      pod.status.startTime ??= now();
      pod.status.containerStatuses = containerStatuses;
      pod.status.conditions = readyConditions(ready);
    });
  }

  private lastHeartbeat = Date.now();

  /** Kubelets of Ready nodes renew their leases and condition heartbeats; a NotReady node's go stale. */
  private heartbeat() {
    if (Date.now() - this.lastHeartbeat < HEARTBEAT_MS) return;
    this.lastHeartbeat = Date.now();
    for (const n of this.store.list(DEF.nodes)) {
      if (!nodeReady(n)) continue;
      const t = now();
      this.store.mutate(DEF.nodes, undefined, n.metadata.name, (node) => {
        node.status.conditions = (node.status.conditions ?? []).map((c: object) => ({ ...c, lastHeartbeatTime: t }));
      });
      if (this.store.get(DEF.leases, "kube-node-lease", n.metadata.name)) {
        this.store.mutate(DEF.leases, "kube-node-lease", n.metadata.name, (lease) => {
          lease.spec.renewTime = new Date().toISOString().replace("Z", "000Z");
        });
      }
    }
  }

  private setNodeReady(name: string, ready: boolean) {
    this.store.mutate(DEF.nodes, undefined, name, (n) => {
      n.status.conditions = (n.status.conditions ?? []).map((c: { type: string }) =>
        c.type === "Ready"
          ? { ...c, status: ready ? "True" : "Unknown", reason: ready ? "KubeletReady" : "NodeStatusUnknown", message: ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status.", lastTransitionTime: now() }
          : c,
      );
    });
  }

  /** Records an Event about an object, as the controllers and kubelet would. */
  event(about: Obj, type: "Normal" | "Warning", reason: string, message: string) {
    const ns = about.metadata.namespace ?? "default";
    const t = now();
    this.store.create(DEF.events, ns, {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: `${about.metadata.name}.${Date.now().toString(16)}${randomSuffix(4)}`, namespace: ns },
      involvedObject: { kind: about.kind, namespace: about.metadata.namespace, name: about.metadata.name, uid: about.metadata.uid, apiVersion: about.apiVersion },
      reason,
      message,
      type,
      source: { component: about.kind === "Deployment" ? "deployment-controller" : about.kind === "Pod" ? "kubelet" : "controller-manager" },
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      reportingComponent: "",
      reportingInstance: "",
    });
    // Keep the event list bounded, as the API server's TTL would.
    const events = this.store.peek(DEF.events, ns);
    if (events.length > 400) {
      for (const e of events.slice(0, events.length - 400)) this.store.remove(DEF.events, ns, e.metadata.name);
    }
  }
}

function rollingParams(d: Obj, desired: number) {
  const ru = d.spec.strategy?.rollingUpdate ?? {};
  const pct = (v: unknown, fallback: string, round: (x: number) => number) => {
    const s = String(v ?? fallback);
    return s.endsWith("%") ? round((desired * Number(s.slice(0, -1))) / 100) : Number(s);
  };
  let surge = pct(ru.maxSurge, "25%", Math.ceil);
  let unavailable = pct(ru.maxUnavailable, "25%", Math.floor);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  if (d.spec.strategy?.type === "Recreate") {
    surge = 0;
    unavailable = desired;
  }
  return { surge, unavailable };
}

export function isPodReady(p: Obj): boolean {
  return !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True");
}

function readyConditions(ready: boolean) {
  const s = ready ? "True" : "False";
  return [
    { type: "Initialized", status: "True" },
    { type: "Ready", status: s, ...(ready ? {} : { reason: "ContainersNotReady" }) },
    { type: "ContainersReady", status: s },
    { type: "PodScheduled", status: "True" },
  ];
}

function crashed(oom: boolean) {
  return { terminated: { exitCode: oom ? 137 : 1, reason: oom ? "OOMKilled" : "Error", finishedAt: now() } };
}

export function nodeReady(n: Obj): boolean {
  return (n.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True");
}

export function podIp(name: string): string {
  const h = templateHash(name);
  const n = [...h].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7);
  return `10.244.${(n >>> 8) % 4}.${(n % 250) + 2}`;
}

export function nodeIp(node: string | undefined): string {
  const m = /(\d+)$/.exec(node ?? "");
  return `10.0.0.${m ? Number(m[1]) + 10 : 10}`;
}
