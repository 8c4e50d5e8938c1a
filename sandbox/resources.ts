// The API surface the sandbox serves: what discovery advertises and what the router accepts.
export type ResourceDef = {
  group: string; // "" for the core group
  version: string;
  resource: string; // plural
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  /** Subresources, with the kind they speak when it differs (scale → autoscaling/v1 Scale). */
  subresources?: { name: string; kind: string; group?: string; version?: string; verbs: string[] }[];
};

const RW = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const ALL = ["all"];

export const RESOURCES: ResourceDef[] = [
  // core/v1
  { group: "", version: "v1", resource: "pods", singular: "pod", kind: "Pod", namespaced: true, shortNames: ["po"], categories: ALL,
    subresources: [
      { name: "log", kind: "Pod", verbs: ["get"] },
      { name: "status", kind: "Pod", verbs: ["get", "patch", "update"] },
      { name: "eviction", kind: "Eviction", group: "policy", version: "v1", verbs: ["create"] },
    ] },
  { group: "", version: "v1", resource: "services", singular: "service", kind: "Service", namespaced: true, shortNames: ["svc"], categories: ALL },
  { group: "", version: "v1", resource: "replicationcontrollers", singular: "replicationcontroller", kind: "ReplicationController", namespaced: true, shortNames: ["rc"], categories: ALL },
  { group: "", version: "v1", resource: "events", singular: "event", kind: "Event", namespaced: true, shortNames: ["ev"] },
  { group: "", version: "v1", resource: "configmaps", singular: "configmap", kind: "ConfigMap", namespaced: true, shortNames: ["cm"] },
  { group: "", version: "v1", resource: "secrets", singular: "secret", kind: "Secret", namespaced: true },
  { group: "", version: "v1", resource: "serviceaccounts", singular: "serviceaccount", kind: "ServiceAccount", namespaced: true, shortNames: ["sa"] },
  { group: "", version: "v1", resource: "resourcequotas", singular: "resourcequota", kind: "ResourceQuota", namespaced: true, shortNames: ["quota"],
    subresources: [{ name: "status", kind: "ResourceQuota", verbs: ["get", "patch", "update"] }] },
  { group: "", version: "v1", resource: "nodes", singular: "node", kind: "Node", namespaced: false, shortNames: ["no"],
    subresources: [{ name: "status", kind: "Node", verbs: ["get", "patch", "update"] }] },
  { group: "", version: "v1", resource: "namespaces", singular: "namespace", kind: "Namespace", namespaced: false, shortNames: ["ns"],
    verbs: ["create", "delete", "get", "list", "patch", "update", "watch"] },
  // apps/v1
  { group: "apps", version: "v1", resource: "deployments", singular: "deployment", kind: "Deployment", namespaced: true, shortNames: ["deploy"], categories: ALL,
    subresources: [
      { name: "scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: ["get", "patch", "update"] },
      { name: "status", kind: "Deployment", verbs: ["get", "patch", "update"] },
    ] },
  { group: "apps", version: "v1", resource: "replicasets", singular: "replicaset", kind: "ReplicaSet", namespaced: true, shortNames: ["rs"], categories: ALL,
    subresources: [
      { name: "scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: ["get", "patch", "update"] },
      { name: "status", kind: "ReplicaSet", verbs: ["get", "patch", "update"] },
    ] },
  { group: "apps", version: "v1", resource: "daemonsets", singular: "daemonset", kind: "DaemonSet", namespaced: true, shortNames: ["ds"], categories: ALL,
    subresources: [{ name: "status", kind: "DaemonSet", verbs: ["get", "patch", "update"] }] },
  { group: "apps", version: "v1", resource: "statefulsets", singular: "statefulset", kind: "StatefulSet", namespaced: true, shortNames: ["sts"], categories: ALL },
  { group: "apps", version: "v1", resource: "controllerrevisions", singular: "controllerrevision", kind: "ControllerRevision", namespaced: true },
  // batch/v1, autoscaling/v1
  { group: "batch", version: "v1", resource: "jobs", singular: "job", kind: "Job", namespaced: true, categories: ALL },
  { group: "batch", version: "v1", resource: "cronjobs", singular: "cronjob", kind: "CronJob", namespaced: true, shortNames: ["cj"], categories: ALL },
  { group: "autoscaling", version: "v1", resource: "horizontalpodautoscalers", singular: "horizontalpodautoscaler", kind: "HorizontalPodAutoscaler", namespaced: true, shortNames: ["hpa"], categories: ALL },
  // policy, networking
  { group: "policy", version: "v1", resource: "poddisruptionbudgets", singular: "poddisruptionbudget", kind: "PodDisruptionBudget", namespaced: true, shortNames: ["pdb"] },
  { group: "networking.k8s.io", version: "v1", resource: "networkpolicies", singular: "networkpolicy", kind: "NetworkPolicy", namespaced: true, shortNames: ["netpol"] },
  { group: "networking.k8s.io", version: "v1", resource: "ingresses", singular: "ingress", kind: "Ingress", namespaced: true, shortNames: ["ing"] },
  // coordination: the kubelet's heartbeat leases that `kubectl describe node` shows
  { group: "coordination.k8s.io", version: "v1", resource: "leases", singular: "lease", kind: "Lease", namespaced: true },
  // rbac
  { group: "rbac.authorization.k8s.io", version: "v1", resource: "roles", singular: "role", kind: "Role", namespaced: true },
  { group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings", singular: "rolebinding", kind: "RoleBinding", namespaced: true },
  { group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", singular: "clusterrole", kind: "ClusterRole", namespaced: false },
  { group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterrolebindings", singular: "clusterrolebinding", kind: "ClusterRoleBinding", namespaced: false },
  // The Phoenix custom resource runbook 2.2 checks access to.
  { group: "phoenix.io", version: "v1alpha1", resource: "phoenixprocesspipelines", singular: "phoenixprocesspipeline", kind: "PhoenixProcessPipeline", namespaced: true, shortNames: ["ppl"] },
];

export const groupVersion = (r: { group: string; version: string }) => (r.group ? `${r.group}/${r.version}` : r.version);

export function findResource(group: string, version: string, resource: string): ResourceDef | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
}

export function resourceByKind(kind: string): ResourceDef | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

/** `GET /api/v1` and `GET /apis/<g>/<v>`: an APIResourceList. */
export function apiResourceList(group: string, version: string) {
  const defs = RESOURCES.filter((r) => r.group === group && r.version === version);
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: groupVersion({ group, version }),
    resources: defs.flatMap((r) => [
      {
        name: r.resource,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: r.verbs ?? RW,
        ...(r.shortNames ? { shortNames: r.shortNames } : {}),
        ...(r.categories ? { categories: r.categories } : {}),
      },
      ...(r.subresources ?? []).map((s) => ({
        name: `${r.resource}/${s.name}`,
        singularName: "",
        namespaced: r.namespaced,
        ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      })),
    ]),
  };
}

/** Groups other than core, with the metrics and authorization groups the sandbox serves by hand. */
export function apiGroupList() {
  const groups = new Map<string, string[]>();
  for (const r of RESOURCES) if (r.group) groups.set(r.group, [...new Set([...(groups.get(r.group) ?? []), r.version])]);
  groups.set("authorization.k8s.io", ["v1"]);
  groups.set("metrics.k8s.io", ["v1beta1"]);
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
}

export const EXTRA_RESOURCE_LISTS: Record<string, object> = {
  "authorization.k8s.io/v1": {
    kind: "APIResourceList", apiVersion: "v1", groupVersion: "authorization.k8s.io/v1",
    resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews", "subjectaccessreviews", "localsubjectaccessreviews"].map((name) => ({
      name, singularName: "", namespaced: name.startsWith("local"), kind: name === "selfsubjectaccessreviews" ? "SelfSubjectAccessReview" : name === "selfsubjectrulesreviews" ? "SelfSubjectRulesReview" : name === "subjectaccessreviews" ? "SubjectAccessReview" : "LocalSubjectAccessReview", verbs: ["create"],
    })),
  },
  "metrics.k8s.io/v1beta1": {
    kind: "APIResourceList", apiVersion: "v1", groupVersion: "metrics.k8s.io/v1beta1",
    resources: [
      { name: "nodes", singularName: "", namespaced: false, kind: "NodeMetrics", verbs: ["get", "list"] },
      { name: "pods", singularName: "", namespaced: true, kind: "PodMetrics", verbs: ["get", "list"] },
    ],
  },
};
