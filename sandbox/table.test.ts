import { describe, expect, it } from "vitest";
import {
  columnsFor,
  formatAge,
  humanDuration,
  includeObjectMode,
  labelSelectorString,
  servicePorts,
  toTable,
  wantsTable,
  type KubeObject,
  type Table,
} from "./table";

const NOW = new Date("2024-05-01T12:00:00Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

function table(kind: string, items: KubeObject[], includeObject: "None" | "Metadata" | "Object" = "None"): Table {
  return toTable(kind, items, { includeObject, resourceVersion: "42", now: NOW });
}
function cells(kind: string, obj: KubeObject): unknown[] {
  const row = table(kind, [obj]).rows[0];
  if (!row) throw new Error("no row");
  return row.cells;
}
/** Cells keyed by column name, the way kubectl lines them up. */
function byName(kind: string, obj: KubeObject): Record<string, unknown> {
  const t = table(kind, [obj]);
  const row = t.rows[0];
  if (!row) throw new Error("no row");
  return Object.fromEntries(t.columnDefinitions.map((c, i) => [c.name, row.cells[i]]));
}
const names = (kind: string) => columnsFor(kind).map((c) => c.name);
const normal = (kind: string) => columnsFor(kind).filter((c) => c.priority === 0).map((c) => c.name);
const wideOnly = (kind: string) => columnsFor(kind).filter((c) => c.priority === 1).map((c) => c.name);

function pod(overrides: { spec?: unknown; status?: unknown; deletionTimestamp?: string } = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "phoenix-api-7d9f8b6c5d-x2x4q",
      namespace: "phoenix-system",
      creationTimestamp: ago(300),
      labels: { app: "phoenix-api" },
      deletionTimestamp: overrides.deletionTimestamp,
    },
    spec: overrides.spec ?? { nodeName: "node-1", containers: [{ name: "api", image: "phoenix/api:1.4.2" }] },
    status: overrides.status ?? {
      phase: "Running",
      podIP: "10.244.1.7",
      conditions: [{ type: "Ready", status: "True" }],
      containerStatuses: [{ name: "api", ready: true, restartCount: 0, state: { running: { startedAt: ago(290) } } }],
    },
  };
}

describe("wantsTable", () => {
  it("accepts kubectl's Accept header", () => {
    expect(
      wantsTable("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"),
    ).toBe(true);
  });
  it("accepts spacing and v1beta1-only requests", () => {
    expect(wantsTable("application/json; as=Table; v=v1beta1; g=meta.k8s.io")).toBe(true);
  });
  it("rejects plain JSON, missing headers and other groups", () => {
    expect(wantsTable("application/json")).toBe(false);
    expect(wantsTable("application/json, */*")).toBe(false);
    expect(wantsTable(null)).toBe(false);
    expect(wantsTable(undefined)).toBe(false);
    expect(wantsTable("")).toBe(false);
    expect(wantsTable("application/json;as=Table;v=v1;g=example.com")).toBe(false);
    expect(wantsTable("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")).toBe(false);
  });
  it("needs both parameters in the same media range", () => {
    expect(wantsTable("application/json;as=Table,application/json;g=meta.k8s.io")).toBe(false);
  });
});

describe("includeObjectMode", () => {
  it("defaults to Metadata", () => {
    expect(includeObjectMode(new URLSearchParams(""))).toBe("Metadata");
    expect(includeObjectMode(new URLSearchParams("includeObject=bogus"))).toBe("Metadata");
  });
  it("reads None, Metadata and Object", () => {
    expect(includeObjectMode(new URLSearchParams("includeObject=None"))).toBe("None");
    expect(includeObjectMode(new URLSearchParams("includeObject=Metadata"))).toBe("Metadata");
    expect(includeObjectMode(new URLSearchParams("includeObject=Object&limit=500"))).toBe("Object");
  });
});

describe("humanDuration / formatAge", () => {
  const cases: [number, string][] = [
    [0, "0s"],
    [45, "45s"],
    [119, "119s"],
    [120, "2m"],
    [121, "2m1s"],
    [330, "5m30s"],
    [599, "9m59s"],
    [600, "10m"],
    [659, "10m"],
    [179 * 60 + 59, "179m"],
    [3 * 3600, "3h"],
    [3 * 3600 + 5 * 60, "3h5m"],
    [7 * 3600 + 59 * 60 + 59, "7h59m"],
    [8 * 3600, "8h"],
    [47 * 3600 + 3599, "47h"],
    [48 * 3600, "2d"],
    [2 * 86400 + 5 * 3600, "2d5h"],
    [7 * 86400 + 23 * 3600, "7d23h"],
    [8 * 86400, "8d"],
    [729 * 86400, "729d"],
    [730 * 86400, "2y"],
    [735 * 86400, "2y5d"],
    [8 * 365 * 86400, "8y"],
    [20 * 365 * 86400 + 100 * 86400, "20y"],
  ];
  it.each(cases)("%i s → %s", (seconds, expected) => {
    expect(humanDuration(seconds * 1000)).toBe(expected);
    expect(formatAge(ago(seconds), NOW)).toBe(expected);
  });
  it("truncates partial seconds", () => {
    expect(humanDuration(59_999)).toBe("59s");
    expect(humanDuration(120_999)).toBe("2m");
  });
  it("tolerates up to 2s of clock skew, then says <invalid>", () => {
    expect(humanDuration(-500)).toBe("0s");
    expect(humanDuration(-1_999)).toBe("0s");
    expect(humanDuration(-2_000)).toBe("<invalid>");
  });
  it("is <unknown> without a timestamp", () => {
    expect(formatAge(undefined, NOW)).toBe("<unknown>");
    expect(formatAge("", NOW)).toBe("<unknown>");
    expect(formatAge("not a date", NOW)).toBe("<unknown>");
  });
});

describe("toTable envelope and includeObject", () => {
  const p = pod();
  it("is a meta.k8s.io/v1 Table carrying the resourceVersion", () => {
    const t = table("Pod", [p]);
    expect(t.kind).toBe("Table");
    expect(t.apiVersion).toBe("meta.k8s.io/v1");
    expect(t.metadata).toEqual({ resourceVersion: "42" });
    expect(t.rows).toHaveLength(1);
  });
  it("gives every column name, type, format, description and priority", () => {
    for (const c of table("Pod", []).columnDefinitions) {
      expect(Object.keys(c).sort()).toEqual(["description", "format", "name", "priority", "type"]);
      expect(c.description.length).toBeGreaterThan(0);
    }
  });
  it("marks only the first column of ordinary kinds with format name", () => {
    for (const kind of ["Pod", "Deployment", "Service", "Node", "ConfigMap", "SomethingElse"]) {
      const cols = columnsFor(kind);
      expect(cols[0]?.format).toBe("name");
      expect(cols.slice(1).every((c) => c.format === "")).toBe(true);
    }
  });
  it("None omits row.object", () => {
    const row = table("Pod", [p], "None").rows[0];
    expect(row).toBeDefined();
    expect(row && "object" in row).toBe(false);
  });
  it("Metadata wraps the metadata as PartialObjectMetadata", () => {
    expect(table("Pod", [p], "Metadata").rows[0]?.object).toEqual({
      kind: "PartialObjectMetadata",
      apiVersion: "meta.k8s.io/v1",
      metadata: p.metadata,
    });
  });
  it("Object carries the full object", () => {
    expect(table("Pod", [p], "Object").rows[0]?.object).toEqual(p);
  });
  it("Object fills in kind and apiVersion missing from stored items", () => {
    const { kind: _k, apiVersion: _a, ...bare } = pod();
    const obj = table("Deployment", [{ ...bare, kind: undefined }], "Object").rows[0]?.object;
    expect(obj?.kind).toBe("Deployment");
    expect(obj?.apiVersion).toBe("apps/v1");
  });
  it("keeps the namespace in row.object for the -A NAMESPACE column", () => {
    const meta = table("Pod", [p], "Metadata").rows[0]?.object?.metadata as { namespace?: string };
    expect(meta.namespace).toBe("phoenix-system");
  });
  it("returns an empty row list for no items and looks kinds up case-insensitively", () => {
    expect(table("Pod", []).rows).toEqual([]);
    expect(names("pod")).toEqual(names("Pod"));
  });
});

describe("Pod", () => {
  it("has kubectl's columns", () => {
    expect(normal("Pod")).toEqual(["Name", "Ready", "Status", "Restarts", "Age"]);
    expect(wideOnly("Pod")).toEqual(["IP", "Node", "Nominated Node", "Readiness Gates"]);
  });
  it("prints a healthy running pod", () => {
    expect(cells("Pod", pod())).toEqual(["phoenix-api-7d9f8b6c5d-x2x4q", "1/1", "Running", 0, "5m", "10.244.1.7", "node-1", "<none>", "<none>"]);
  });
  it("shows CrashLoopBackOff and sums restarts", () => {
    const p = pod({
      spec: { containers: [{ name: "api" }, { name: "sidecar" }] },
      status: {
        phase: "Running",
        containerStatuses: [
          { name: "api", ready: false, restartCount: 5, state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 5m0s" } }, lastState: { terminated: { exitCode: 1, reason: "Error" } } },
          { name: "sidecar", ready: true, restartCount: 1, state: { running: {} } },
        ],
      },
    });
    const c = byName("Pod", p);
    expect(c.Ready).toBe("1/2");
    expect(c.Status).toBe("CrashLoopBackOff");
    expect(c.Restarts).toBe(6);
  });
  it("shows image pull failures and ContainerCreating", () => {
    for (const reason of ["ImagePullBackOff", "ErrImagePull", "ContainerCreating"]) {
      const p = pod({ status: { phase: "Pending", containerStatuses: [{ name: "api", ready: false, restartCount: 0, state: { waiting: { reason } } }] } });
      expect(byName("Pod", p).Status).toBe(reason);
    }
  });
  it("shows a terminated container's reason, or its exit code / signal without one", () => {
    const term = (terminated: unknown) => pod({ status: { phase: "Running", containerStatuses: [{ name: "api", ready: false, restartCount: 3, state: { terminated } }] } });
    expect(byName("Pod", term({ exitCode: 137, reason: "OOMKilled" })).Status).toBe("OOMKilled");
    expect(byName("Pod", term({ exitCode: 2 })).Status).toBe("ExitCode:2");
    expect(byName("Pod", term({ exitCode: 0, signal: 9 })).Status).toBe("Signal:9");
  });
  it("lets the first container's reason win, like printers.go's backward walk", () => {
    const p = pod({
      spec: { containers: [{ name: "a" }, { name: "b" }] },
      status: {
        phase: "Running",
        containerStatuses: [
          { name: "a", ready: false, restartCount: 0, state: { waiting: { reason: "ImagePullBackOff" } } },
          { name: "b", ready: false, restartCount: 0, state: { waiting: { reason: "CrashLoopBackOff" } } },
        ],
      },
    });
    expect(byName("Pod", p).Status).toBe("ImagePullBackOff");
  });
  it("uses status.reason when containers say nothing (Evicted)", () => {
    const p = pod({ status: { phase: "Failed", reason: "Evicted", message: "low on memory" } });
    const t = table("Pod", [p]);
    expect(byName("Pod", p).Status).toBe("Evicted");
    expect(t.rows[0]?.conditions).toEqual([{ type: "Completed", status: "True", reason: "Failed", message: "The pod failed." }]);
  });
  it("shows Terminating once deletionTimestamp is set, over container reasons", () => {
    expect(byName("Pod", pod({ deletionTimestamp: ago(3) })).Status).toBe("Terminating");
    const crashing = pod({
      deletionTimestamp: ago(3),
      status: { phase: "Running", containerStatuses: [{ name: "api", ready: false, restartCount: 2, state: { waiting: { reason: "CrashLoopBackOff" } } }] },
    });
    expect(byName("Pod", crashing).Status).toBe("Terminating");
  });
  it("keeps a finished pod's status when it is being deleted; NodeLost becomes Unknown", () => {
    const done = pod({ deletionTimestamp: ago(3), status: { phase: "Succeeded", containerStatuses: [{ name: "api", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }] } });
    expect(byName("Pod", done).Status).toBe("Completed");
    expect(table("Pod", [done]).rows[0]?.conditions?.[0]?.reason).toBe("Succeeded");
    const lost = pod({ deletionTimestamp: ago(3), status: { phase: "Running", reason: "NodeLost" } });
    expect(byName("Pod", lost).Status).toBe("Unknown");
  });
  it("falls back to the phase, and to Pending when the phase is missing", () => {
    expect(byName("Pod", pod({ status: { phase: "Pending" } })).Status).toBe("Pending");
    const noStatus: KubeObject = { metadata: { name: "bare" }, spec: { containers: [{ name: "c" }] } };
    expect(cells("Pod", noStatus)).toEqual(["bare", "0/1", "Pending", 0, "<unknown>", "<none>", "<none>", "<none>", "<none>"]);
  });
  it("reports init container progress and failures", () => {
    const initSpec = { initContainers: [{ name: "migrate" }, { name: "warm" }], containers: [{ name: "api" }] };
    const running = pod({ spec: initSpec, status: { phase: "Pending", initContainerStatuses: [{ name: "migrate", restartCount: 0, state: { running: {} } }] } });
    expect(byName("Pod", running).Status).toBe("Init:0/2");
    const crash = pod({
      spec: initSpec,
      status: {
        phase: "Pending",
        initContainerStatuses: [
          { name: "migrate", restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } },
          { name: "warm", restartCount: 4, state: { waiting: { reason: "CrashLoopBackOff" } } },
        ],
        containerStatuses: [{ name: "api", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }],
      },
    });
    const c = byName("Pod", crash);
    expect(c.Status).toBe("Init:CrashLoopBackOff");
    expect(c.Restarts).toBe(4);
    const failed = pod({ spec: initSpec, status: { phase: "Pending", initContainerStatuses: [{ name: "migrate", restartCount: 0, state: { terminated: { exitCode: 3 } } }] } });
    expect(byName("Pod", failed).Status).toBe("Init:ExitCode:3");
  });
  it("counts sidecar (restartable init) containers in READY", () => {
    const p = pod({
      spec: { initContainers: [{ name: "proxy", restartPolicy: "Always" }], containers: [{ name: "api" }] },
      status: {
        phase: "Running",
        conditions: [{ type: "Initialized", status: "True" }],
        initContainerStatuses: [{ name: "proxy", ready: true, started: true, restartCount: 1, state: { running: {} } }],
        containerStatuses: [{ name: "api", ready: true, restartCount: 2, state: { running: {} } }],
      },
    });
    const c = byName("Pod", p);
    expect(c.Ready).toBe("2/2");
    expect(c.Restarts).toBe(3);
    expect(c.Status).toBe("Running");
  });
  it("reads a ready container without state as running", () => {
    const p = pod({ status: { phase: "Running", containerStatuses: [{ name: "api", ready: true, restartCount: 0 }] } });
    expect(byName("Pod", p).Ready).toBe("1/1");
  });
  it("prints wide cells: podIPs, nominated node and readiness gates", () => {
    const p = pod({
      spec: { containers: [{ name: "api" }], readinessGates: [{ conditionType: "lb/ready" }, { conditionType: "other" }] },
      status: { phase: "Pending", podIPs: [{ ip: "10.0.0.9" }], nominatedNodeName: "node-2", conditions: [{ type: "lb/ready", status: "True" }] },
    });
    const c = byName("Pod", p);
    expect([c.IP, c.Node, c["Nominated Node"], c["Readiness Gates"]]).toEqual(["10.0.0.9", "<none>", "node-2", "1/2"]);
  });
});

describe("Deployment", () => {
  const deploy: KubeObject = {
    metadata: { name: "phoenix-api", creationTimestamp: ago(3 * 86400) },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "phoenix-api" } },
      template: { spec: { containers: [{ name: "api", image: "phoenix/api:1.4.2" }, { name: "envoy", image: "envoy:1.29" }] } },
    },
    status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  };
  it("has kubectl's columns", () => {
    expect(names("Deployment")).toEqual(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"]);
    expect(wideOnly("Deployment")).toEqual(["Containers", "Images", "Selector"]);
  });
  it("prints ready/replicas and the wide cells", () => {
    expect(cells("Deployment", deploy)).toEqual(["phoenix-api", "2/3", 3, 2, "3d", "api,envoy", "phoenix/api:1.4.2,envoy:1.29", "app=phoenix-api"]);
  });
  it("defaults missing status to zero and spec.replicas to 1", () => {
    const c = byName("Deployment", { metadata: { name: "new" }, spec: { template: { spec: { containers: [] } } } });
    expect([c.Ready, c["Up-to-date"], c.Available, c.Selector]).toEqual(["0/1", 0, 0, ""]);
    expect(byName("Deployment", { metadata: { name: "zero" }, spec: { replicas: 0 } }).Ready).toBe("0/0");
  });
});

describe("ReplicaSet", () => {
  it("prints desired, current and ready", () => {
    expect(names("ReplicaSet")).toEqual(["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"]);
    const rs: KubeObject = {
      metadata: { name: "phoenix-api-7d9f8b6c5d", creationTimestamp: ago(3600) },
      spec: {
        replicas: 3,
        selector: { matchLabels: { "pod-template-hash": "7d9f8b6c5d", app: "phoenix-api" } },
        template: { spec: { containers: [{ name: "api", image: "phoenix/api:1.4.2" }] } },
      },
      status: { replicas: 3, readyReplicas: 1 },
    };
    expect(cells("ReplicaSet", rs)).toEqual(["phoenix-api-7d9f8b6c5d", 3, 3, 1, "60m", "api", "phoenix/api:1.4.2", "app=phoenix-api,pod-template-hash=7d9f8b6c5d"]);
  });
});

describe("DaemonSet", () => {
  it("prints the scheduling counts and node selector", () => {
    expect(normal("DaemonSet")).toEqual(["Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age"]);
    const ds: KubeObject = {
      metadata: { name: "otel-collector", creationTimestamp: ago(10 * 86400) },
      spec: {
        selector: { matchLabels: { app: "otel-collector" } },
        template: { spec: { nodeSelector: { "kubernetes.io/os": "linux" }, containers: [{ name: "otel", image: "otel/collector:0.98" }] } },
      },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    };
    expect(cells("DaemonSet", ds)).toEqual(["otel-collector", 3, 3, 2, 3, 2, "kubernetes.io/os=linux", "10d", "otel", "otel/collector:0.98", "app=otel-collector"]);
    expect(byName("DaemonSet", { metadata: { name: "x" } })["Node Selector"]).toBe("<none>");
  });
});

describe("StatefulSet", () => {
  it("prints ready/replicas", () => {
    expect(names("StatefulSet")).toEqual(["Name", "Ready", "Age", "Containers", "Images"]);
    const sts: KubeObject = {
      metadata: { name: "postgres", creationTimestamp: ago(90) },
      spec: { replicas: 2, template: { spec: { containers: [{ name: "pg", image: "postgres:16" }] } } },
      status: { readyReplicas: 1 },
    };
    expect(cells("StatefulSet", sts)).toEqual(["postgres", "1/2", "90s", "pg", "postgres:16"]);
  });
});

describe("Service", () => {
  const svc = (spec: unknown, status?: unknown): KubeObject => ({ metadata: { name: "phoenix-api", creationTimestamp: ago(60) }, spec, status });
  it("has kubectl's columns", () => {
    expect(names("Service")).toEqual(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"]);
    expect(wideOnly("Service")).toEqual(["Selector"]);
  });
  it("prints a ClusterIP service with several ports", () => {
    const s = svc({ type: "ClusterIP", clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"], selector: { app: "phoenix-api" }, ports: [{ port: 80, protocol: "TCP" }, { port: 443 }] });
    expect(cells("Service", s)).toEqual(["phoenix-api", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,443/TCP", "60s", "app=phoenix-api"]);
  });
  it("prints node ports", () => {
    const c = byName("Service", svc({ type: "NodePort", clusterIP: "10.96.1.1", ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }, { port: 53, protocol: "UDP" }] }));
    expect(c["Port(s)"]).toBe("80:30080/TCP,53/UDP");
    expect(c["External-IP"]).toBe("<none>");
    expect(c.Selector).toBe("<none>");
  });
  it("prints load balancers: pending, assigned, plus externalIPs", () => {
    expect(byName("Service", svc({ type: "LoadBalancer", clusterIP: "10.96.1.2", ports: [] }))["External-IP"]).toBe("<pending>");
    const assigned = svc({ type: "LoadBalancer", clusterIP: "10.96.1.2", externalIPs: ["192.0.2.9"], ports: [{ port: 443, nodePort: 31443 }] }, {
      loadBalancer: { ingress: [{ ip: "203.0.113.5" }, { hostname: "lb.example.com" }, { ip: "203.0.113.5" }] },
    });
    const c = byName("Service", assigned);
    expect(c["External-IP"]).toBe("203.0.113.5,lb.example.com,192.0.2.9");
    expect(c["Port(s)"]).toBe("443:31443/TCP");
  });
  it("prints headless, ExternalName and defaulted services", () => {
    expect(byName("Service", svc({ type: "ClusterIP", clusterIP: "None", ports: [{ port: 5432 }] }))["Cluster-IP"]).toBe("None");
    const ext = byName("Service", svc({ type: "ExternalName", externalName: "db.example.com" }));
    expect([ext["Cluster-IP"], ext["External-IP"], ext["Port(s)"]]).toEqual(["<none>", "db.example.com", "<none>"]);
    const bare = byName("Service", svc({ ports: [{ port: 8080 }], externalIPs: ["198.51.100.1"] }));
    expect([bare.Type, bare["Cluster-IP"], bare["External-IP"]]).toEqual(["ClusterIP", "<none>", "198.51.100.1"]);
  });
  it("servicePorts formats an empty list as <none>", () => {
    expect(servicePorts(undefined)).toBe("<none>");
    expect(servicePorts([{ port: 6379, targetPort: 6379 }])).toBe("6379/TCP");
  });
});

describe("Node", () => {
  const node = (extra: { labels?: Record<string, string>; spec?: unknown; status?: unknown } = {}): KubeObject => ({
    metadata: { name: "node-1", creationTimestamp: ago(30 * 86400), labels: extra.labels ?? { "kubernetes.io/hostname": "node-1" } },
    spec: extra.spec ?? {},
    status: extra.status ?? {
      conditions: [{ type: "MemoryPressure", status: "False" }, { type: "Ready", status: "True" }],
      addresses: [{ type: "InternalIP", address: "10.0.0.11" }, { type: "Hostname", address: "node-1" }],
      nodeInfo: { kubeletVersion: "v1.29.4", osImage: "Ubuntu 22.04.4 LTS", kernelVersion: "5.15.0-105-generic", containerRuntimeVersion: "containerd://1.7.13" },
    },
  });
  it("has kubectl's columns", () => {
    expect(normal("Node")).toEqual(["Name", "Status", "Roles", "Age", "Version"]);
    expect(wideOnly("Node")).toEqual(["Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"]);
  });
  it("prints a ready worker", () => {
    expect(cells("Node", node())).toEqual(["node-1", "Ready", "<none>", "30d", "v1.29.4", "10.0.0.11", "<none>", "Ubuntu 22.04.4 LTS", "5.15.0-105-generic", "containerd://1.7.13"]);
  });
  it("prints NotReady, SchedulingDisabled and Unknown", () => {
    const notReady = node({ spec: { unschedulable: true }, status: { conditions: [{ type: "Ready", status: "Unknown" }] } });
    expect(byName("Node", notReady).Status).toBe("NotReady,SchedulingDisabled");
    expect(byName("Node", node({ spec: { unschedulable: true } })).Status).toBe("Ready,SchedulingDisabled");
    const noConditions = byName("Node", node({ status: {} }));
    expect([noConditions.Status, noConditions.Version, noConditions["OS-Image"]]).toEqual(["Unknown", "", "<unknown>"]);
  });
  it("collects roles from node-role labels and kubernetes.io/role", () => {
    const c = byName("Node", node({ labels: { "node-role.kubernetes.io/worker": "", "node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "infra", "node-role.kubernetes.io/": "" } }));
    expect(c.Roles).toBe("control-plane,infra,worker");
  });
});

describe("Event", () => {
  const event: KubeObject = {
    metadata: { name: "phoenix-api-x.17c9a1", namespace: "phoenix-system", creationTimestamp: ago(600) },
    involvedObject: { kind: "Pod", name: "phoenix-api-x", namespace: "phoenix-system", fieldPath: "spec.containers{api}" },
    reason: "BackOff",
    message: "Back-off restarting failed container api in pod phoenix-api-x\n",
    type: "Warning",
    count: 12,
    firstTimestamp: ago(600),
    lastTimestamp: ago(45),
    source: { component: "kubelet", host: "node-1" },
  };
  it("has kubectl's columns, with Name last and wide", () => {
    expect(normal("Event")).toEqual(["Last Seen", "Type", "Reason", "Object", "Message"]);
    expect(names("Event")).toEqual(["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"]);
    expect(columnsFor("Event").find((c) => c.name === "Name")).toMatchObject({ format: "name", priority: 1 });
    expect(columnsFor("Event")[0]?.format).toBe("");
  });
  it("prints kind/name lower-cased, source and a trimmed message", () => {
    expect(cells("Event", event)).toEqual([
      "45s",
      "Warning",
      "BackOff",
      "pod/phoenix-api-x",
      "spec.containers{api}",
      "kubelet, node-1",
      "Back-off restarting failed container api in pod phoenix-api-x",
      "10m",
      12,
      "phoenix-api-x.17c9a1",
    ]);
  });
  it("falls back to firstTimestamp, eventTime, series and reportingController", () => {
    const newStyle: KubeObject = {
      metadata: { name: "e2" },
      involvedObject: { kind: "Deployment", name: "phoenix-api" },
      reason: "ScalingReplicaSet",
      type: "Normal",
      message: "Scaled up",
      eventTime: "2024-05-01T11:58:00.000000Z",
      reportingController: "deployment-controller",
    };
    const c = byName("Event", newStyle);
    expect([c["Last Seen"], c["First Seen"], c.Count, c.Source, c.Object]).toEqual(["2m", "2m", 1, "deployment-controller", "deployment/phoenix-api"]);
    const series = byName("Event", { ...newStyle, series: { count: 7, lastObservedTime: ago(5) } });
    expect([series["Last Seen"], series.Count]).toEqual(["5s", 7]);
    const noLast = byName("Event", { ...event, lastTimestamp: undefined });
    expect(noLast["Last Seen"]).toBe("10m");
  });
  it("prints just the kind when the involved object has no name", () => {
    expect(byName("Event", { metadata: { name: "e3" }, involvedObject: { kind: "Node" } }).Object).toBe("node");
  });
});

describe("Namespace, ConfigMap, Secret", () => {
  it("prints namespaces with a defaulted phase", () => {
    expect(names("Namespace")).toEqual(["Name", "Status", "Age"]);
    expect(cells("Namespace", { metadata: { name: "phoenix-system", creationTimestamp: ago(86400) }, status: { phase: "Active" } })).toEqual(["phoenix-system", "Active", "24h"]);
    expect(byName("Namespace", { metadata: { name: "a" } }).Status).toBe("Active");
    expect(byName("Namespace", { metadata: { name: "b", deletionTimestamp: ago(1) } }).Status).toBe("Terminating");
  });
  it("counts ConfigMap data and binaryData keys", () => {
    expect(names("ConfigMap")).toEqual(["Name", "Data", "Age"]);
    expect(cells("ConfigMap", { metadata: { name: "pgbouncer-config", creationTimestamp: ago(7200) }, data: { "pgbouncer.ini": "x", userlist: "y" }, binaryData: { cert: "AAA=" } })).toEqual([
      "pgbouncer-config",
      3,
      "120m",
    ]);
    expect(byName("ConfigMap", { metadata: { name: "empty" } }).Data).toBe(0);
  });
  it("prints Secret type and key count", () => {
    expect(names("Secret")).toEqual(["Name", "Type", "Data", "Age"]);
    expect(cells("Secret", { metadata: { name: "phoenix-tls", creationTimestamp: ago(5) }, type: "kubernetes.io/tls", data: { "tls.crt": "x", "tls.key": "y" } })).toEqual([
      "phoenix-tls",
      "kubernetes.io/tls",
      2,
      "5s",
    ]);
    const raw = byName("Secret", { metadata: { name: "phoenix-secrets" }, stringData: { password: "p" }, data: { user: "dQ==" } });
    expect([raw.Type, raw.Data]).toEqual(["Opaque", 2]);
  });
});

describe("ResourceQuota", () => {
  it("splits requests and limits, sorted by resource name", () => {
    expect(names("ResourceQuota")).toEqual(["Name", "Age", "Request", "Limit"]);
    const quota: KubeObject = {
      metadata: { name: "phoenix-quota", creationTimestamp: ago(60) },
      spec: { hard: { pods: "10" } },
      status: {
        hard: { pods: "10", "requests.cpu": "4", "requests.memory": "8Gi", "limits.cpu": "8", "limits.memory": "16Gi" },
        used: { pods: "4", "requests.cpu": "1", "requests.memory": "2Gi", "limits.cpu": "2" },
      },
    };
    expect(cells("ResourceQuota", quota)).toEqual([
      "phoenix-quota",
      "60s",
      "pods: 4/10, requests.cpu: 1/4, requests.memory: 2Gi/8Gi",
      "limits.cpu: 2/8, limits.memory: 0/16Gi",
    ]);
  });
  it("falls back to spec.hard before the status is filled", () => {
    const c = byName("ResourceQuota", { metadata: { name: "q" }, spec: { hard: { pods: "5" } } });
    expect([c.Request, c.Limit]).toEqual(["pods: 0/5", ""]);
  });
});

describe("NetworkPolicy", () => {
  it("prints the pod selector, <none> when it selects everything", () => {
    expect(names("NetworkPolicy")).toEqual(["Name", "Pod-Selector", "Age"]);
    const np = (podSelector: unknown): KubeObject => ({ metadata: { name: "deny-all", creationTimestamp: ago(60) }, spec: { podSelector } });
    expect(cells("NetworkPolicy", np({}))).toEqual(["deny-all", "<none>", "60s"]);
    expect(byName("NetworkPolicy", np({ matchLabels: { app: "postgres" } }))["Pod-Selector"]).toBe("app=postgres");
    expect(
      byName("NetworkPolicy", np({ matchLabels: { tier: "db" }, matchExpressions: [{ key: "env", operator: "In", values: ["staging", "prod"] }, { key: "canary", operator: "DoesNotExist" }] }))[
        "Pod-Selector"
      ],
    ).toBe("!canary,env in (prod,staging),tier=db");
  });
});

describe("labelSelectorString", () => {
  it("formats every operator", () => {
    expect(labelSelectorString({ matchExpressions: [{ key: "a", operator: "NotIn", values: ["y", "x"] }, { key: "b", operator: "Exists" }] })).toBe("a notin (x,y),b");
    expect(labelSelectorString(undefined)).toBe("");
    expect(labelSelectorString({ matchExpressions: [{ key: "a", operator: "Bogus" }] })).toBe("<invalid>");
  });
});

describe("PodDisruptionBudget", () => {
  it("prints min/max with N/A and allowed disruptions", () => {
    expect(names("PodDisruptionBudget")).toEqual(["Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"]);
    expect(cells("PodDisruptionBudget", { metadata: { name: "phoenix-api-pdb", creationTimestamp: ago(60) }, spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } })).toEqual([
      "phoenix-api-pdb",
      "2",
      "N/A",
      1,
      "60s",
    ]);
    const pct = byName("PodDisruptionBudget", { metadata: { name: "p" }, spec: { maxUnavailable: "25%" } });
    expect([pct["Min Available"], pct["Max Unavailable"], pct["Allowed Disruptions"]]).toEqual(["N/A", "25%", 0]);
  });
});

describe("ControllerRevision", () => {
  it("prints the controller as kind.group/name and the revision", () => {
    expect(names("ControllerRevision")).toEqual(["Name", "Controller", "Revision", "Age"]);
    const cr: KubeObject = {
      metadata: {
        name: "otel-collector-6b8f9c7d4",
        creationTimestamp: ago(60),
        ownerReferences: [{ apiVersion: "apps/v1", kind: "DaemonSet", name: "otel-collector", uid: "u1", controller: true }],
      },
      revision: 3,
      data: {},
    };
    expect(cells("ControllerRevision", cr)).toEqual(["otel-collector-6b8f9c7d4", "daemonset.apps/otel-collector", 3, "60s"]);
    const noApiVersion = byName("ControllerRevision", { metadata: { name: "x", ownerReferences: [{ kind: "StatefulSet", name: "postgres", controller: true }] }, revision: 1 });
    expect(noApiVersion.Controller).toBe("statefulset.apps/postgres");
    const orphan = byName("ControllerRevision", { metadata: { name: "y", ownerReferences: [{ kind: "DaemonSet", name: "d" }] } });
    expect([orphan.Controller, orphan.Revision]).toEqual(["<none>", 0]);
  });
});

describe("other kinds", () => {
  it("prints Name and Age for kinds without a printer", () => {
    expect(names("PhoenixProcessPipeline")).toEqual(["Name", "Age"]);
    expect(cells("PhoenixProcessPipeline", { metadata: { name: "ppl-1", creationTimestamp: ago(7) } })).toEqual(["ppl-1", "7s"]);
  });
  it("prints Job status, completions and duration", () => {
    const job: KubeObject = {
      metadata: { name: "db-backup", creationTimestamp: ago(600) },
      spec: { completions: 1, template: { spec: { containers: [{ name: "dump", image: "pg:16" }] } } },
      status: { succeeded: 1, startTime: ago(600), completionTime: ago(570), conditions: [{ type: "Complete", status: "True" }] },
    };
    expect(normal("Job")).toEqual(["Name", "Status", "Completions", "Duration", "Age"]);
    expect(cells("Job", job)).toEqual(["db-backup", "Complete", "1/1", "30s", "10m", "dump", "pg:16", "<none>"]);
    const running = byName("Job", { metadata: { name: "j" }, spec: { parallelism: 3 }, status: { startTime: ago(130) } });
    expect([running.Status, running.Completions, running.Duration]).toEqual(["Running", "0/1 of 3", "2m10s"]);
  });
  it("prints CronJob schedule and last schedule", () => {
    const c = byName("CronJob", { metadata: { name: "nightly", creationTimestamp: ago(86400 * 3) }, spec: { schedule: "0 2 * * *" }, status: { lastScheduleTime: ago(3600 * 10) } });
    expect([c.Schedule, c.Timezone, c.Suspend, c.Active, c["Last Schedule"], c.Age]).toEqual(["0 2 * * *", "<none>", "False", 0, "10h", "3d"]);
  });
  it("prints HPA targets for autoscaling/v1 and v2", () => {
    const v1 = byName("HorizontalPodAutoscaler", {
      metadata: { name: "phoenix-api" },
      spec: { scaleTargetRef: { kind: "Deployment", name: "phoenix-api" }, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 80 },
      status: { currentReplicas: 3, currentCPUUtilizationPercentage: 45 },
    });
    expect([v1.Reference, v1.Targets, v1.MinPods, v1.MaxPods, v1.Replicas]).toEqual(["Deployment/phoenix-api", "cpu: 45%/80%", "2", 10, 3]);
    const v2 = byName("HorizontalPodAutoscaler", {
      metadata: { name: "h" },
      spec: { maxReplicas: 5, metrics: [{ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 70 } } }] },
    });
    expect([v2.Targets, v2.MinPods]).toEqual(["memory: <unknown>/70%", "1"]);
  });
  it("prints bindings and the default Created At convertor for roles", () => {
    const rb = byName("RoleBinding", {
      metadata: { name: "sre-edit", namespace: "phoenix-system" },
      roleRef: { kind: "ClusterRole", name: "edit" },
      subjects: [{ kind: "User", name: "alice" }, { kind: "Group", name: "sre" }, { kind: "ServiceAccount", name: "ops", namespace: "phoenix-system" }],
    });
    expect([rb.Role, rb.Users, rb.Groups, rb.ServiceAccounts]).toEqual(["ClusterRole/edit", "alice", "sre", "phoenix-system/ops"]);
    expect(names("Role")).toEqual(["Name", "Created At"]);
    expect(cells("Role", { metadata: { name: "reader", creationTimestamp: "2024-04-30T08:15:00.123Z" } })).toEqual(["reader", "2024-04-30T08:15:00Z"]);
  });
  it("prints Ingress hosts, address and ports", () => {
    const c = byName("Ingress", {
      metadata: { name: "phoenix" },
      spec: { ingressClassName: "nginx", rules: [{ host: "a.example" }, {}, { host: "b.example" }, { host: "c.example" }, { host: "d.example" }], tls: [{ hosts: ["a.example"] }] },
      status: { loadBalancer: { ingress: [{ ip: "203.0.113.7" }] } },
    });
    expect([c.Class, c.Hosts, c.Address, c.Ports]).toEqual(["nginx", "a.example,b.example,c.example + 2 more...", "203.0.113.7", "80, 443"]);
  });
});
