// Server-side Table output (`kubectl get` without -o): kubectl asks for
// `application/json;as=Table;v=v1;g=meta.k8s.io` and prints whatever columns come back.
// Columns and cells follow kubernetes/kubernetes pkg/printers/internalversion/printers.go
// (a recent version, read from source). Where the sandbox may store objects the real API
// server would have defaulted first (spec.replicas, service type, pod phase, ...), the
// printer applies that default itself so the cell matches what kubectl shows on a real
// cluster; each such place says so.
//
// Pure module: no I/O, no imports; `now` is injectable for tests.

// 1. Types ------------------------------------------------------------------------------

export type OwnerReference = {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
};

export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    uid?: string;
    deletionTimestamp?: string;
    ownerReferences?: OwnerReference[];
    // Other metadata fields (generation, finalizers, ...) pass through untouched.
    [k: string]: unknown;
  };
  // spec and status are open JSON whose shape depends on the kind; read them through
  // the helpers below, never by trusting this type.
  spec?: any;
  status?: any;
  [k: string]: unknown;
};

export type IncludeObject = "None" | "Metadata" | "Object";

export type TableColumnDefinition = {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
};

export type TableCell = string | number | boolean;

export type TableRowCondition = { type: string; status: string; reason?: string; message?: string };

export type TableRow = {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  object?: Record<string, unknown>;
};

export type Table = {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: { resourceVersion: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
};

export type ToTableOptions = { includeObject: IncludeObject; resourceVersion: string; now?: Date };

// 2. Request negotiation ----------------------------------------------------------------

/**
 * True when one media range of the Accept header asks for a meta.k8s.io Table
 * (`as=Table;g=meta.k8s.io`, with v=v1 or v1beta1 when a version is given; we always
 * answer meta.k8s.io/v1, which kubectl 1.20+ accepts).
 */
export function wantsTable(accept: string | null | undefined): boolean {
  if (!accept) return false;
  return accept.split(",").some((range) => {
    const params = new Map<string, string>();
    for (const part of range.split(";").slice(1)) {
      const eq = part.indexOf("=");
      if (eq < 0) continue;
      params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim().replace(/^"|"$/g, ""));
    }
    const v = params.get("v");
    return params.get("as") === "Table" && params.get("g") === "meta.k8s.io" && (v === undefined || v === "v1" || v === "v1beta1");
  });
}

/** `?includeObject=` (None | Metadata | Object); the API server's default is Metadata. */
export function includeObjectMode(query: URLSearchParams): IncludeObject {
  const v = query.get("includeObject");
  return v === "None" || v === "Object" || v === "Metadata" ? v : "Metadata";
}

// 3. Durations --------------------------------------------------------------------------

/**
 * k8s.io/apimachinery/pkg/util/duration.HumanDuration, transcribed from source:
 * <2m "Ns"; <10m "MmSs" (or "Mm" on a whole minute); <3h "Mm"; <8h "HhMm" (or "Hh");
 * <48h "Hh"; <8d "DdHh" (or "Dd"); <2y "Dd"; <8y "YyDd" (or "Yy"); else "Yy".
 * Up to 2 s in the future counts as "0s" (clock skew); further is "<invalid>".
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** The Age cell: translateTimestampSince in printers.go; "<unknown>" for a missing time. */
export function formatAge(from: string | undefined, now: Date): string {
  if (!from) return "<unknown>";
  const t = Date.parse(from);
  if (Number.isNaN(t)) return "<unknown>";
  return humanDuration(now.getTime() - t);
}

// 4. Reading open JSON ------------------------------------------------------------------

type Rec = Record<string, unknown>;

function rec(v: unknown): Rec {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {};
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}
function has(r: Rec, key: string): boolean {
  return r[key] !== undefined && r[key] !== null;
}
function keyCount(...maps: unknown[]): number {
  const keys = new Set<string>();
  for (const m of maps) for (const k of Object.keys(rec(m))) keys.add(k);
  return keys.size;
}

/** labels.FormatLabels: "k=v,k2=v2" sorted by key, "<none>" when empty. */
export function formatLabels(map: unknown): string {
  const entries = Object.entries(rec(map))
    .map(([k, v]) => [k, String(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? "<none>" : entries.map(([k, v]) => `${k}=${v}`).join(",");
}

/**
 * metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key, values sorted;
 * "k=v", "k in (a,b)", "k notin (a,b)", "k", "!k". Empty or missing selector → "".
 */
export function labelSelectorString(selector: unknown): string {
  const s = rec(selector);
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(rec(s.matchLabels))) reqs.push({ key: k, text: `${k}=${String(v)}` });
  for (const e of arr(s.matchExpressions)) {
    const expr = rec(e);
    const key = str(expr.key) ?? "";
    const values = arr(expr.values).map(String).sort();
    switch (str(expr.operator)) {
      case "In":
        reqs.push({ key, text: `${key} in (${values.join(",")})` });
        break;
      case "NotIn":
        reqs.push({ key, text: `${key} notin (${values.join(",")})` });
        break;
      case "Exists":
        reqs.push({ key, text: key });
        break;
      case "DoesNotExist":
        reqs.push({ key, text: `!${key}` });
        break;
      default:
        return "<invalid>";
    }
  }
  // Go sorts requirements with a stable sort by key only.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(",");
}

/** metav1.FormatLabelSelector: like labelSelectorString but "<none>" when empty. */
function formatLabelSelector(selector: unknown): string {
  return labelSelectorString(selector) || "<none>";
}

/** layoutContainerCells: container names and images, comma-joined. */
function containerCells(podSpec: unknown): [string, string] {
  const cs = arr(rec(podSpec).containers).map(rec);
  return [cs.map((c) => str(c.name) ?? "").join(","), cs.map((c) => str(c.image) ?? "").join(",")];
}

function templateSpec(obj: KubeObject): Rec {
  return rec(rec(rec(obj.spec).template).spec);
}

/** IntOrString.String(): 1 → "1", "50%" → "50%". */
function intOrString(v: unknown): string | undefined {
  if (typeof v === "number") return String(v);
  return str(v);
}

// Objects the real API server would have defaulted; see the file header.
function replicasOrDefault(spec: Rec): number {
  return num(spec.replicas) ?? 1;
}

// 5. Column definitions -----------------------------------------------------------------

const NAME_DESC =
  "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
const AGE_DESC =
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
const CONTAINERS_DESC = "Names of each container in the template.";
const IMAGES_DESC = "Images referenced by each container in the template.";

function col(name: string, type: string, description: string, priority = 0, format = ""): TableColumnDefinition {
  return { name, type, format, description, priority };
}
const nameCol = () => col("Name", "string", NAME_DESC, 0, "name");
const ageCol = () => col("Age", "string", AGE_DESC);
const wide = (name: string, description: string, type = "string") => col(name, type, description, 1);

type Printed = { cells: TableCell[]; conditions?: TableRowCondition[] };
type Printer = { columns: TableColumnDefinition[]; print: (obj: KubeObject, now: Date) => Printed };

// 6. Printers, one per kind --------------------------------------------------------------

const POD_SUCCEEDED: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
];
const POD_FAILED: TableRowCondition[] = [{ type: "Completed", status: "True", reason: "Failed", message: "The pod failed." }];

function terminatedReason(term: Rec, prefix: string): string {
  const reason = str(term.reason);
  if (reason) return prefix + reason;
  const signal = num(term.signal) ?? 0;
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${num(term.exitCode) ?? 0}`;
}

function conditionTrue(status: Rec, type: string): boolean {
  return arr(status.conditions).some((c) => rec(c).type === type && rec(c).status === "True");
}

/** printPod: Ready, Status (the aggregate reason), Restarts, IP, Node, ... */
function printPod(pod: KubeObject, now: Date): Printed {
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  // The API server sets phase Pending on create; a bare sandbox object may lack it.
  const phase = str(status.phase) || "Pending";
  let reason = str(status.reason) || phase;
  for (const c of arr(status.conditions).map(rec)) {
    if (c.type === "PodScheduled" && c.reason === "SchedulingGated") reason = "SchedulingGated";
  }

  let total = arr(spec.containers).length;
  let ready = 0;
  let restarts = 0;
  let restartableInitRestarts = 0;

  const initSpecs = new Map<string, Rec>();
  const initSpecList = arr(spec.initContainers).map(rec);
  for (const ic of initSpecList) {
    initSpecs.set(str(ic.name) ?? "", ic);
    if (ic.restartPolicy === "Always") total++; // sidecar containers count towards READY
  }

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses).map(rec);
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i] ?? {};
    const state = rec(c.state);
    const term = has(state, "terminated") ? rec(state.terminated) : undefined;
    const waiting = has(state, "waiting") ? rec(state.waiting) : undefined;
    const count = num(c.restartCount) ?? 0;
    const restartable = initSpecs.get(str(c.name) ?? "")?.restartPolicy === "Always";
    restarts += count;
    if (restartable) restartableInitRestarts += count;

    if (term && (num(term.exitCode) ?? 0) === 0) continue;
    if (restartable && c.started === true) {
      if (c.ready === true) ready++;
      continue;
    }
    if (term) {
      reason = terminatedReason(term, "Init:");
    } else if (waiting && str(waiting.reason) && waiting.reason !== "PodInitializing") {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initSpecList.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, "Initialized")) {
    restarts = restartableInitRestarts;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses).map(rec);
    // Walk backwards like printers.go, so the first container's reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] ?? {};
      const state = rec(c.state);
      const term = has(state, "terminated") ? rec(state.terminated) : undefined;
      const waiting = has(state, "waiting") ? rec(state.waiting) : undefined;
      restarts += num(c.restartCount) ?? 0;
      if (waiting && str(waiting.reason)) {
        reason = str(waiting.reason) ?? reason;
      } else if (term) {
        reason = terminatedReason(term, "");
      } else if (c.ready === true && (has(state, "running") || !waiting)) {
        // Real kubelets always report state.running for a ready container; a sandbox
        // status with `ready: true` and no state at all is read as running too.
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
  }

  // A deletionTimestamp overrides every container reason (unless the pod already finished).
  if (pod.metadata.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed") reason = "Terminating";

  const podIP = str(rec(arr(status.podIPs)[0]).ip) || str(status.podIP) || "<none>";
  const nodeName = str(spec.nodeName) || "<none>";
  const nominated = str(status.nominatedNodeName) || "<none>";
  let readinessGates = "<none>";
  const gates = arr(spec.readinessGates).map(rec);
  if (gates.length > 0) {
    const conds = arr(status.conditions).map(rec);
    const trueCount = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === "True").length;
    readinessGates = `${trueCount}/${gates.length}`;
  }

  // kubectl 1.23+ servers print "5 (2m ago)"; the sandbox keeps the plain count.
  return {
    cells: [pod.metadata.name, `${ready}/${total}`, reason, restarts, formatAge(pod.metadata.creationTimestamp, now), podIP, nodeName, nominated, readinessGates],
    conditions: phase === "Succeeded" ? POD_SUCCEEDED : phase === "Failed" ? POD_FAILED : undefined,
  };
}

function printDeployment(obj: KubeObject, now: Date): Printed {
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  const [names, images] = containerCells(templateSpec(obj));
  return {
    cells: [
      obj.metadata.name,
      `${num(status.readyReplicas) ?? 0}/${replicasOrDefault(spec)}`,
      num(status.updatedReplicas) ?? 0,
      num(status.availableReplicas) ?? 0,
      formatAge(obj.metadata.creationTimestamp, now),
      names,
      images,
      labelSelectorString(spec.selector), // printDeployment uses selector.String(): no "<none>"
    ],
  };
}

/** ReplicaSet and ReplicationController print alike; only the selector's format differs. */
function replicaPrinter(selector: (sel: unknown) => string) {
  return (obj: KubeObject, now: Date): Printed => {
    const spec = rec(obj.spec);
    const status = rec(obj.status);
    const [names, images] = containerCells(templateSpec(obj));
    return {
      cells: [
        obj.metadata.name,
        replicasOrDefault(spec),
        num(status.replicas) ?? 0,
        num(status.readyReplicas) ?? 0,
        formatAge(obj.metadata.creationTimestamp, now),
        names,
        images,
        selector(spec.selector),
      ],
    };
  };
}

const printReplicaSet = replicaPrinter(formatLabelSelector);
const printReplicationController = replicaPrinter(formatLabels);

function printDaemonSet(obj: KubeObject, now: Date): Printed {
  const status = rec(obj.status);
  const tpl = templateSpec(obj);
  const [names, images] = containerCells(tpl);
  return {
    cells: [
      obj.metadata.name,
      num(status.desiredNumberScheduled) ?? 0,
      num(status.currentNumberScheduled) ?? 0,
      num(status.numberReady) ?? 0,
      num(status.updatedNumberScheduled) ?? 0,
      num(status.numberAvailable) ?? 0,
      formatLabels(tpl.nodeSelector),
      formatAge(obj.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(rec(obj.spec).selector),
    ],
  };
}

function printStatefulSet(obj: KubeObject, now: Date): Printed {
  const [names, images] = containerCells(templateSpec(obj));
  return {
    cells: [
      obj.metadata.name,
      `${num(rec(obj.status).readyReplicas) ?? 0}/${replicasOrDefault(rec(obj.spec))}`,
      formatAge(obj.metadata.creationTimestamp, now),
      names,
      images,
    ],
  };
}

/** getServiceExternalIP (wide=true: printService never clips the load-balancer list). */
function serviceExternalIP(type: string, spec: Rec, status: Rec): string {
  const externalIPs = arr(spec.externalIPs).map(String);
  switch (type) {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lb: string[] = [];
      for (const ing of arr(rec(status.loadBalancer).ingress).map(rec)) {
        const v = str(ing.ip) || str(ing.hostname);
        if (v && !lb.includes(v)) lb.push(v);
      }
      if (externalIPs.length > 0) return [...lb, ...externalIPs].join(",");
      return lb.length > 0 ? lb.join(",") : "<pending>";
    }
    case "ExternalName":
      return str(spec.externalName) ?? "";
    default:
      return "<unknown>";
  }
}

/** makePortString: "80/TCP,443/TCP", or "80:30080/TCP" with a nodePort. */
export function servicePorts(ports: unknown): string {
  const pieces = arr(ports).map((p) => {
    const port = rec(p);
    const protocol = str(port.protocol) || "TCP"; // API default
    const nodePort = num(port.nodePort) ?? 0;
    const base = String(num(port.port) ?? 0);
    return nodePort > 0 ? `${base}:${nodePort}/${protocol}` : `${base}/${protocol}`;
  });
  return pieces.length === 0 ? "<none>" : pieces.join(",");
}

function printService(obj: KubeObject, now: Date): Printed {
  const spec = rec(obj.spec);
  const type = str(spec.type) || "ClusterIP"; // API default
  const clusterIP = str(arr(spec.clusterIPs)[0]) || str(spec.clusterIP) || "<none>";
  return {
    cells: [
      obj.metadata.name,
      type,
      clusterIP,
      serviceExternalIP(type, spec, rec(obj.status)),
      servicePorts(spec.ports),
      formatAge(obj.metadata.creationTimestamp, now),
      formatLabels(spec.selector),
    ],
  };
}

function printNode(obj: KubeObject, now: Date): Printed {
  const status = rec(obj.status);
  const info = rec(status.nodeInfo);
  // Only the Ready condition decides the status word; Go's map means the last one wins.
  let readyCond: Rec | undefined;
  for (const c of arr(status.conditions).map(rec)) if (c.type === "Ready") readyCond = c;
  const words = [readyCond ? (readyCond.status === "True" ? "Ready" : "NotReady") : "Unknown"];
  if (rec(obj.spec).unschedulable === true) words.push("SchedulingDisabled");

  const roles = new Set<string>();
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) {
      const role = k.slice("node-role.kubernetes.io/".length);
      if (role) roles.add(role);
    } else if (k === "kubernetes.io/role" && v !== "") {
      roles.add(v);
    }
  }
  const address = (type: string) =>
    str(arr(status.addresses).map(rec).find((a) => a.type === type)?.address) ?? "<none>";

  return {
    cells: [
      obj.metadata.name,
      words.join(","),
      roles.size > 0 ? [...roles].sort().join(",") : "<none>",
      formatAge(obj.metadata.creationTimestamp, now),
      str(info.kubeletVersion) ?? "",
      address("InternalIP"),
      address("ExternalIP"),
      str(info.osImage) || "<unknown>",
      str(info.kernelVersion) || "<unknown>",
      str(info.containerRuntimeVersion) || "<unknown>",
    ],
  };
}

/**
 * printEvent. Reads core/v1 fields and falls back to the events.k8s.io/v1 names
 * (regarding, note, deprecated*) so either shape prints.
 */
function printEvent(obj: KubeObject, now: Date): Printed {
  const involved = rec(obj.involvedObject ?? obj.regarding);
  const eventTime = str(obj.eventTime);
  const firstTs = str(obj.firstTimestamp ?? obj.deprecatedFirstTimestamp);
  const lastTs = str(obj.lastTimestamp ?? obj.deprecatedLastTimestamp);
  const firstSeen = firstTs ? formatAge(firstTs, now) : formatAge(eventTime, now);
  let lastSeen = lastTs ? formatAge(lastTs, now) : firstSeen;
  let count = num(obj.count ?? obj.deprecatedCount) ?? 0;
  const series = obj.series === undefined || obj.series === null ? undefined : rec(obj.series);
  if (series) {
    lastSeen = formatAge(str(series.lastObservedTime), now);
    count = num(series.count) ?? 0;
  } else if (count === 0) {
    count = 1; // singleton events carry no count in the new API
  }

  const kind = (str(involved.kind) ?? "").toLowerCase();
  const target = str(involved.name) ? `${kind}/${str(involved.name)}` : kind;
  const source = rec(obj.source ?? obj.deprecatedSource);
  const component = str(source.component) || str(obj.reportingController) || "";
  const instance = str(source.host) || str(obj.reportingInstance) || "";

  return {
    cells: [
      lastSeen,
      str(obj.type) ?? "",
      str(obj.reason) ?? "",
      target,
      str(involved.fieldPath) ?? "",
      instance ? `${component}, ${instance}` : component,
      (str(obj.message ?? obj.note) ?? "").trim(),
      firstSeen,
      count,
      obj.metadata.name,
    ],
  };
}

function printNamespace(obj: KubeObject, now: Date): Printed {
  // The API server always sets status.phase; default it the same way.
  const phase = str(rec(obj.status).phase) || (obj.metadata.deletionTimestamp ? "Terminating" : "Active");
  return { cells: [obj.metadata.name, phase, formatAge(obj.metadata.creationTimestamp, now)] };
}

function printConfigMap(obj: KubeObject, now: Date): Printed {
  return { cells: [obj.metadata.name, keyCount(obj.data, obj.binaryData), formatAge(obj.metadata.creationTimestamp, now)] };
}

function printSecret(obj: KubeObject, now: Date): Printed {
  // The API server folds write-only stringData into data; count both in case it was stored raw.
  return {
    cells: [obj.metadata.name, str(obj.type) || "Opaque", keyCount(obj.data, obj.stringData), formatAge(obj.metadata.creationTimestamp, now)],
  };
}

function printServiceAccount(obj: KubeObject, now: Date): Printed {
  return { cells: [obj.metadata.name, arr(obj.secrets).length, formatAge(obj.metadata.creationTimestamp, now)] };
}

/**
 * printResourceQuota: "resource: used/hard" for every hard resource, sorted by name;
 * `limits.*` go to the Limit column, everything else to Request. Quantities are printed
 * as stored (the Go printer would canonicalise them, e.g. "1000m" → "1").
 */
function printResourceQuota(obj: KubeObject, now: Date): Printed {
  const status = rec(obj.status);
  // Before the quota controller fills status.hard, fall back to spec.hard.
  const hard = has(status, "hard") ? rec(status.hard) : rec(rec(obj.spec).hard);
  const used = rec(status.used);
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const text = `${name}: ${String(used[name] ?? "0")}/${String(hard[name])}`;
    const pieces = name.split(".");
    (pieces.length > 1 && pieces[0] === "limits" ? limit : request).push(text);
  }
  return { cells: [obj.metadata.name, formatAge(obj.metadata.creationTimestamp, now), request.join(", "), limit.join(", ")] };
}

function printNetworkPolicy(obj: KubeObject, now: Date): Printed {
  return { cells: [obj.metadata.name, formatLabelSelector(rec(obj.spec).podSelector), formatAge(obj.metadata.creationTimestamp, now)] };
}

function printPodDisruptionBudget(obj: KubeObject, now: Date): Printed {
  const spec = rec(obj.spec);
  return {
    cells: [
      obj.metadata.name,
      intOrString(spec.minAvailable) ?? "N/A",
      intOrString(spec.maxUnavailable) ?? "N/A",
      num(rec(obj.status).disruptionsAllowed) ?? 0,
      formatAge(obj.metadata.creationTimestamp, now),
    ],
  };
}

const APPS_KINDS = new Set(["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "ControllerRevision"]);

/** printControllerRevision: Controller is "<kind>.<group>/<name>" lower-cased, e.g. "daemonset.apps/x". */
function printControllerRevision(obj: KubeObject, now: Date): Printed {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller === true);
  let controller = "<none>";
  if (ref) {
    const apiVersion = ref.apiVersion ?? (APPS_KINDS.has(ref.kind) ? "apps/v1" : "v1");
    const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
    const groupKind = group ? `${ref.kind}.${group}` : ref.kind;
    controller = groupKind ? `${groupKind.toLowerCase()}/${ref.name}` : ref.name;
  }
  return { cells: [obj.metadata.name, controller, num(obj.revision) ?? 0, formatAge(obj.metadata.creationTimestamp, now)] };
}

function printJob(obj: KubeObject, now: Date): Printed {
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  const succeeded = num(status.succeeded) ?? 0;
  let completions: string;
  const wanted = num(spec.completions);
  if (wanted !== undefined) completions = `${succeeded}/${wanted}`;
  else {
    const parallelism = num(spec.parallelism) ?? 0;
    completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  }
  const start = str(status.startTime);
  const end = str(status.completionTime);
  let duration = "";
  if (start) duration = humanDuration((end ? Date.parse(end) : now.getTime()) - Date.parse(start));

  const cond = (type: string) => {
    const c = arr(status.conditions).map(rec).find((x) => x.type === type);
    return c?.status === "True";
  };
  let state = "Running";
  if (cond("Complete")) state = "Complete";
  else if (cond("Failed")) state = "Failed";
  else if (obj.metadata.deletionTimestamp) state = "Terminating";
  else if (cond("Suspended")) state = "Suspended";
  else if (cond("FailureTarget")) state = "FailureTarget";

  const [names, images] = containerCells(templateSpec(obj));
  return {
    cells: [obj.metadata.name, state, completions, duration, formatAge(obj.metadata.creationTimestamp, now), names, images, formatLabelSelector(spec.selector)],
  };
}

function printCronJob(obj: KubeObject, now: Date): Printed {
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  const jobSpec = rec(rec(spec.jobTemplate).spec);
  const last = str(status.lastScheduleTime);
  const [names, images] = containerCells(rec(rec(jobSpec.template).spec));
  return {
    cells: [
      obj.metadata.name,
      str(spec.schedule) ?? "",
      str(spec.timeZone) || "<none>",
      spec.suspend === true ? "True" : "False", // suspend defaults to false
      arr(status.active).length,
      last ? formatAge(last, now) : "<none>",
      formatAge(obj.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(jobSpec.selector),
    ],
  };
}

function printIngress(obj: KubeObject, now: Date): Printed {
  const spec = rec(obj.spec);
  const rules = arr(spec.rules).map(rec);
  const hosts: string[] = [];
  let more = false;
  for (const r of rules) {
    if (hosts.length === 3) more = true;
    const host = str(r.host);
    if (!more && host) hosts.push(host);
  }
  let hostCell = hosts.length === 0 ? "*" : hosts.join(",");
  if (hosts.length > 0 && more) hostCell = `${hostCell} + ${rules.length - 3} more...`;
  const address: string[] = [];
  for (const ing of arr(rec(rec(obj.status).loadBalancer).ingress).map(rec)) {
    const v = str(ing.ip) || str(ing.hostname);
    if (v && !address.includes(v)) address.push(v);
  }
  return {
    cells: [
      obj.metadata.name,
      str(spec.ingressClassName) ?? "<none>",
      hostCell,
      address.join(","),
      arr(spec.tls).length > 0 ? "80, 443" : "80",
      formatAge(obj.metadata.creationTimestamp, now),
    ],
  };
}

/** formatHPAMetrics, plus autoscaling/v1's targetCPUUtilizationPercentage. */
function hpaTargets(spec: Rec, status: Rec): string {
  const v1Target = num(spec.targetCPUUtilizationPercentage);
  if (v1Target !== undefined) {
    const current = num(status.currentCPUUtilizationPercentage);
    return `cpu: ${current === undefined ? "<unknown>" : `${current}%`}/${v1Target}%`;
  }
  const specs = arr(spec.metrics).map(rec);
  // An autoscaling/v1 object without a target prints "<none>" here; the real server may
  // instead show its defaulted 80% CPU target (not verified).
  if (specs.length === 0) return "<none>";
  const statuses = arr(status.currentMetrics).map(rec);
  const list = specs.map((m, i) => {
    const type = str(m.type) ?? "";
    const key = type ? type.charAt(0).toLowerCase() + type.slice(1) : "";
    const source = rec(m[key]);
    const target = rec(source.target);
    const cur = rec(rec(rec(statuses[i])[key]).current);
    const q = (v: unknown) => (v === undefined || v === null ? "<unknown>" : String(v));
    switch (type) {
      case "Resource":
      case "ContainerResource": {
        const name = str(source.name) ?? "";
        if (has(target, "averageValue")) return `${name}: ${q(cur.averageValue)}/${String(target.averageValue)}`;
        const curPct = num(cur.averageUtilization);
        const tgtPct = num(target.averageUtilization);
        return `${name}: ${curPct === undefined ? "<unknown>" : `${curPct}%`}/${tgtPct === undefined ? "<auto>" : `${tgtPct}%`}`;
      }
      case "Pods":
        return `${q(cur.averageValue)}/${String(target.averageValue)}`;
      case "Object":
      case "External":
        if (has(target, "averageValue")) return `${q(cur.averageValue)}/${String(target.averageValue)} (avg)`;
        return `${q(cur.value)}/${String(target.value)}`;
      default:
        return "<unknown type>";
    }
  });
  return list.length > 2 ? `${list.slice(0, 2).join(", ")} + ${list.length - 2} more...` : list.join(", ");
}

function printHorizontalPodAutoscaler(obj: KubeObject, now: Date): Printed {
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  const ref = rec(spec.scaleTargetRef);
  const min = num(spec.minReplicas) ?? 1; // API default
  return {
    cells: [
      obj.metadata.name,
      `${str(ref.kind) ?? ""}/${str(ref.name) ?? ""}`,
      hpaTargets(spec, status),
      String(min),
      num(spec.maxReplicas) ?? 0,
      num(status.currentReplicas) ?? 0,
      formatAge(obj.metadata.creationTimestamp, now),
    ],
  };
}

/** SubjectsStrings: users, groups and "namespace/name" service accounts, ", "-joined. */
function printBinding(obj: KubeObject, now: Date): Printed {
  const roleRef = rec(obj.roleRef);
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of arr(obj.subjects).map(rec)) {
    const name = str(s.name) ?? "";
    if (s.kind === "ServiceAccount") sas.push(`${str(s.namespace) ?? ""}/${name}`);
    else if (s.kind === "User") users.push(name);
    else if (s.kind === "Group") groups.push(name);
  }
  return {
    cells: [
      obj.metadata.name,
      `${str(roleRef.kind) ?? ""}/${str(roleRef.name) ?? ""}`,
      formatAge(obj.metadata.creationTimestamp, now),
      users.join(", "),
      groups.join(", "),
      sas.join(", "),
    ],
  };
}

/** The API server's default table convertor (Role, ClusterRole): Name, Created At (RFC3339, UTC). */
function printCreatedAt(obj: KubeObject): Printed {
  const t = obj.metadata.creationTimestamp ? Date.parse(obj.metadata.creationTimestamp) : Number.NaN;
  const created = Number.isNaN(t) ? "0001-01-01T00:00:00Z" : new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
  return { cells: [obj.metadata.name, created] };
}

function printDefault(obj: KubeObject, now: Date): Printed {
  return { cells: [obj.metadata.name, formatAge(obj.metadata.creationTimestamp, now)] };
}

const WORKLOAD_WIDE = () => [wide("Containers", CONTAINERS_DESC), wide("Images", IMAGES_DESC)];

const PRINTERS: Record<string, Printer> = {
  Pod: {
    columns: [
      nameCol(),
      col("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
      col("Status", "string", "The aggregate status of the containers in this pod."),
      col("Restarts", "integer", "The number of times the containers in this pod have been restarted."),
      ageCol(),
      wide("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
      wide("Node", "NodeName indicates in which node this pod is scheduled."),
      wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node."),
      wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness."),
    ],
    print: printPod,
  },
  Deployment: {
    columns: [
      nameCol(),
      col("Ready", "string", "Number of the pod with ready state"),
      col("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
      col("Available", "string", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
      ageCol(),
      ...WORKLOAD_WIDE(),
      wide("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."),
    ],
    print: printDeployment,
  },
  ReplicaSet: {
    columns: [
      nameCol(),
      col("Desired", "integer", "Replicas is the number of desired replicas."),
      col("Current", "integer", "Replicas is the most recently observed number of replicas."),
      col("Ready", "integer", "readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition."),
      ageCol(),
      ...WORKLOAD_WIDE(),
      wide("Selector", "Selector is a label query over pods that should match the replica count."),
    ],
    print: printReplicaSet,
  },
  ReplicationController: {
    columns: [
      nameCol(),
      col("Desired", "integer", "Replicas is the number of desired replicas."),
      col("Current", "integer", "Replicas is the most recently observed number of replicas."),
      col("Ready", "integer", "The number of ready replicas for this replication controller."),
      ageCol(),
      ...WORKLOAD_WIDE(),
      wide("Selector", "Selector is a label query over pods that should match the Replicas count."),
    ],
    print: printReplicationController,
  },
  DaemonSet: {
    columns: [
      nameCol(),
      col("Desired", "integer", "The total number of nodes that should be running the daemon pod."),
      col("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
      col("Ready", "integer", "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."),
      col("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
      col("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available."),
      col("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node."),
      ageCol(),
      ...WORKLOAD_WIDE(),
      wide("Selector", "A label query over pods that are managed by the daemon set."),
    ],
    print: printDaemonSet,
  },
  StatefulSet: {
    columns: [nameCol(), col("Ready", "string", "Number of the pod with ready state"), ageCol(), ...WORKLOAD_WIDE()],
    print: printStatefulSet,
  },
  Service: {
    columns: [
      nameCol(),
      col("Type", "string", "type determines how the Service is exposed."),
      col("Cluster-IP", "string", "clusterIP is the IP address of the service and is usually assigned randomly."),
      col("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
      col("Port(s)", "string", "The list of ports that are exposed by this service."),
      ageCol(),
      wide("Selector", "Route service traffic to pods with label keys and values matching this selector."),
    ],
    print: printService,
  },
  Node: {
    columns: [
      nameCol(),
      col("Status", "string", "The status of the node"),
      col("Roles", "string", "The roles of the node"),
      ageCol(),
      col("Version", "string", "Kubelet Version reported by the node."),
      wide("Internal-IP", "List of addresses reachable to the node."),
      wide("External-IP", "List of addresses reachable to the node."),
      wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
      wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
      wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."),
    ],
    print: printNode,
  },
  Event: {
    // The one kind whose first column is not Name; Name (format "name") comes last, wide.
    columns: [
      col("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
      col("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
      col("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
      col("Object", "string", "The object that this event is about."),
      wide("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement."),
      wide("Source", "The component reporting this event. Should be a short machine understandable string."),
      col("Message", "string", "A human-readable description of the status of this operation."),
      wide("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
      wide("Count", "The number of times this event has occurred."),
      col("Name", "string", NAME_DESC, 1, "name"),
    ],
    print: printEvent,
  },
  Namespace: {
    columns: [nameCol(), col("Status", "string", "The status of the namespace"), ageCol()],
    print: printNamespace,
  },
  ConfigMap: {
    columns: [nameCol(), col("Data", "string", "Data contains the configuration data."), ageCol()],
    print: printConfigMap,
  },
  Secret: {
    columns: [
      nameCol(),
      col("Type", "string", "Used to facilitate programmatic handling of secret data."),
      col("Data", "string", "Data contains the secret data."),
      ageCol(),
    ],
    print: printSecret,
  },
  ServiceAccount: {
    columns: [nameCol(), col("Secrets", "string", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), ageCol()],
    print: printServiceAccount,
  },
  ResourceQuota: {
    columns: [
      nameCol(),
      ageCol(),
      col("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
      col("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
    ],
    print: printResourceQuota,
  },
  NetworkPolicy: {
    columns: [nameCol(), col("Pod-Selector", "string", "podSelector selects the pods to which this NetworkPolicy object applies."), ageCol()],
    print: printNetworkPolicy,
  },
  PodDisruptionBudget: {
    columns: [
      nameCol(),
      col("Min Available", "string", "The minimum number of pods that must be available."),
      col("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
      col("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
      ageCol(),
    ],
    print: printPodDisruptionBudget,
  },
  ControllerRevision: {
    columns: [
      nameCol(),
      col("Controller", "string", "Controller of the object"),
      col("Revision", "string", "Revision indicates the revision of the state represented by Data."),
      ageCol(),
    ],
    print: printControllerRevision,
  },
  Job: {
    columns: [
      nameCol(),
      col("Status", "string", "Status of the job."),
      col("Completions", "string", "The number of pods which reached phase Succeeded."),
      col("Duration", "string", "Time required to complete the job."),
      ageCol(),
      ...WORKLOAD_WIDE(),
      wide("Selector", "A label query over pods that should match the pod count."),
    ],
    print: printJob,
  },
  CronJob: {
    columns: [
      nameCol(),
      col("Schedule", "string", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
      col("Timezone", "string", "The time zone name for the given schedule."),
      col("Suspend", "boolean", "This flag tells the controller to suspend subsequent executions."),
      col("Active", "integer", "A list of pointers to currently running jobs."),
      col("Last Schedule", "string", "Information when was the last time the job was successfully scheduled."),
      ageCol(),
      ...WORKLOAD_WIDE(),
      wide("Selector", "A label query over pods that should match the pod count."),
    ],
    print: printCronJob,
  },
  Ingress: {
    columns: [
      nameCol(),
      col("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
      col("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
      col("Address", "string", "Address is a list containing ingress points for the load-balancer"),
      col("Ports", "string", "Ports of TLS configurations that open"),
      ageCol(),
    ],
    print: printIngress,
  },
  HorizontalPodAutoscaler: {
    columns: [
      nameCol(),
      col("Reference", "string", "reference to scaled resource; horizontal pod autoscaler will learn the current resource consumption and will set the desired number of pods by using its Scale subresource."),
      col("Targets", "string", "metrics contains the specifications for which to use to calculate the desired replica count."),
      col("MinPods", "string", "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down."),
      col("MaxPods", "string", "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up."),
      col("Replicas", "string", "currentReplicas is current number of replicas of pods managed by this autoscaler."),
      ageCol(),
    ],
    print: printHorizontalPodAutoscaler,
  },
  RoleBinding: {
    columns: [
      nameCol(),
      col("Role", "string", "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace."),
      ageCol(),
      wide("Users", "Users in the roleBinding"),
      wide("Groups", "Groups in the roleBinding"),
      wide("ServiceAccounts", "ServiceAccounts in the roleBinding"),
    ],
    print: printBinding,
  },
  ClusterRoleBinding: {
    columns: [
      nameCol(),
      col("Role", "string", "RoleRef can only reference a ClusterRole in the global namespace."),
      ageCol(),
      wide("Users", "Users in the clusterRoleBinding"),
      wide("Groups", "Groups in the clusterRoleBinding"),
      wide("ServiceAccounts", "ServiceAccounts in the clusterRoleBinding"),
    ],
    print: printBinding,
  },
  Role: { columns: [nameCol(), col("Created At", "date", AGE_DESC)], print: printCreatedAt },
  ClusterRole: { columns: [nameCol(), col("Created At", "date", AGE_DESC)], print: printCreatedAt },
};

const DEFAULT_PRINTER: Printer = { columns: [nameCol(), ageCol()], print: printDefault };

const PRINTERS_BY_LOWER = new Map(Object.entries(PRINTERS).map(([k, p]) => [k.toLowerCase(), p]));

function printerFor(kind: string): Printer {
  return PRINTERS[kind] ?? PRINTERS_BY_LOWER.get(kind.toLowerCase()) ?? DEFAULT_PRINTER;
}

/** The column definitions served for a kind (Name, Age for kinds without a printer). */
export function columnsFor(kind: string): TableColumnDefinition[] {
  return printerFor(kind).columns.map((c) => ({ ...c }));
}

// 7. The Table --------------------------------------------------------------------------

// apiVersion for objects stored without TypeMeta: kubectl decodes row.object (for
// --sort-by, -A and --show-labels) and needs kind/apiVersion to do so.
const API_VERSIONS: Record<string, string> = {
  Pod: "v1", Service: "v1", Event: "v1", ConfigMap: "v1", Secret: "v1", ServiceAccount: "v1", Node: "v1",
  Namespace: "v1", ResourceQuota: "v1", ReplicationController: "v1",
  Deployment: "apps/v1", ReplicaSet: "apps/v1", DaemonSet: "apps/v1", StatefulSet: "apps/v1", ControllerRevision: "apps/v1",
  Job: "batch/v1", CronJob: "batch/v1", HorizontalPodAutoscaler: "autoscaling/v1", PodDisruptionBudget: "policy/v1",
  NetworkPolicy: "networking.k8s.io/v1", Ingress: "networking.k8s.io/v1",
  Role: "rbac.authorization.k8s.io/v1", ClusterRole: "rbac.authorization.k8s.io/v1",
  RoleBinding: "rbac.authorization.k8s.io/v1", ClusterRoleBinding: "rbac.authorization.k8s.io/v1",
};

function rowObject(kind: string, obj: KubeObject, mode: IncludeObject): Record<string, unknown> | undefined {
  if (mode === "None") return undefined;
  if (mode === "Metadata") return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata };
  const { apiVersion, kind: objKind, ...rest } = obj;
  return { apiVersion: apiVersion ?? API_VERSIONS[objKind ?? kind] ?? "v1", kind: objKind ?? kind, ...rest };
}

/**
 * A meta.k8s.io/v1 Table for `items` of one kind (a single GET passes one item; a watch
 * sends one Table per event). Unknown kinds get Name and Age.
 */
export function toTable(kind: string, items: KubeObject[], options: ToTableOptions): Table {
  const printer = printerFor(kind);
  const now = options.now ?? new Date();
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion: options.resourceVersion },
    columnDefinitions: printer.columns.map((c) => ({ ...c })),
    rows: items.map((obj) => {
      const printed = printer.print(obj, now);
      const row: TableRow = { cells: printed.cells };
      if (printed.conditions) row.conditions = printed.conditions;
      const object = rowObject(kind, obj, options.includeObject);
      if (object) row.object = object;
      return row;
    }),
  };
}
