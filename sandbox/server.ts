// The sandbox: a Kubernetes API simulator of the Phoenix cluster over HTTPS, faithful where
// kubectl and @kubernetes/client-node look (see ../shared/reference/kubernetes-api.md).
// Dev and tests only: nothing under app/ or lib/ imports it.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { nextLogLine, podLogLines } from "./logs";
import { applyPatch, PatchError } from "./patch";
import { ensurePki } from "./pki";
import { apiGroupList, apiResourceList, EXTRA_RESOURCE_LISTS, findResource, type ResourceDef } from "./resources";
import { seed } from "./seed";
import { fieldSelectorFields, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector, SelectorError } from "./selectors";
import { ClusterStore, notFound, type Obj, StatusError, type StoreEvent } from "./store";
import { includeObjectMode, toTable, wantsTable } from "./table";
import { ExperimentCounters, exposition } from "./prometheus-metrics";
import { DEF, isPodReady, type Scenario, SCENARIOS, World } from "./world";

export type SandboxOptions = { dir: string; port?: number; scenarios?: Scenario[]; extraPods?: number };

export type Sandbox = {
  url: string;
  kubeconfigPath: string;
  /** Bearer token of the sandbox admin (cluster-admin; may switch scenarios). */
  adminToken: string;
  store: ClusterStore;
  world: World;
  /**
   * Stop answering, as an API server whose etcd hangs: requests are received (bodies read)
   * and held, then served in order on resume, so a write sent during the pause is applied
   * after it. With `writes`, reads still answer (as from the API server's watch cache) and
   * only writes hang. For fault tests and incident drills; `POST /sandbox/pause
   * {"paused":true,"writes":true}` does the same.
   */
  pause(options?: { writes?: boolean }): void;
  resume(): void;
  /** Every change the API server accepted (not dry runs), in order: what a crash test checks against the audit log. */
  writes: { at: number; method: string; path: string; status: number }[];
  close(): Promise<void>;
};

const MAX_BODY = 3 * 1024 * 1024;

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  mkdirSync(options.dir, { recursive: true });
  const pki = ensurePki(path.join(options.dir, "pki"));
  const store = new ClusterStore();
  seed(store, { extraPods: options.extraPods });
  const world = new World(store);
  const counters = new ExperimentCounters();
  for (const s of options.scenarios ?? []) world.setScenario(s, true);
  // Let the seeded workloads come up before anyone looks.
  world.warmUp();
  world.start();

  const adminToken = randomBytes(24).toString("hex");
  const tokens = new Map([[adminToken, { user: "sandbox-admin", groups: ["system:masters", "system:authenticated"] }]]);
  const streams = new Set<ServerResponse>();

  // While paused, the promise every request waits on; null when answering.
  let paused: { until: Promise<void>; resume: () => void; writesOnly: boolean } | null = null;
  const pause = (options: { writes?: boolean } = {}) => {
    if (paused) return;
    let resume = () => undefined as void;
    const until = new Promise<void>((r) => (resume = r));
    paused = { until, resume, writesOnly: options.writes === true };
  };
  const resume = () => {
    paused?.resume();
    paused = null;
  };
  /** Reads the body now (the request was received) and waits for the resume. */
  async function held(req: IncomingMessage) {
    const wait = paused!.until;
    PREREAD.set(req, await readBody(req).catch(() => ""));
    await wait;
  }

  const writes: Sandbox["writes"] = [];
  const server: Server = createServer({ cert: pki.cert, key: pki.key }, (req, res) => {
    if (req.method !== "GET" && !/[?&]dryRun=/.test(req.url ?? "")) {
      const at = Date.now();
      res.on("finish", () => {
        if (res.statusCode < 400) writes.push({ at, method: req.method!, path: (req.url ?? "").split("?")[0]!, status: res.statusCode });
      });
    }
    // Sandbox controls always answer, so a paused sandbox can be resumed.
    const hold =
      paused && !(req.url ?? "").startsWith("/sandbox/") && !(paused.writesOnly && (req.method === "GET" || req.method === "HEAD")) ? held(req) : Promise.resolve();
    hold.then(() => handle(req, res)).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      const status = err instanceof StatusError ? err : err instanceof PatchError || err instanceof SelectorError ? new StatusError(err.status, reasonFor(err.status), err.message) : new StatusError(500, "InternalError", `Internal error occurred: ${String((err as Error)?.message ?? err)}`);
      sendJson(res, status.code, status.toStatus());
    });
  });

  /**
   * The Phoenix API gateway of a namespace (production's, or ?namespace=phoenix-staging): "ok"
   * and the version its ready phoenix-api pods serve, or "down" when none is ready.
   */
  function gatewayHealth(res: ServerResponse, namespace: string) {
    const ready = store
      .list(DEF.pods, namespace)
      .filter((p) => p.metadata.labels?.app === "phoenix-api" && isPodReady(p));
    if ((namespace === "phoenix-system" && world.scenarios.has("api-crashloop")) || !ready.length) {
      return sendJson(res, 503, { status: "down", error: "phoenix-api has no ready endpoints" });
    }
    const versions = [...new Set(ready.map((p) => String(p.spec.containers[0]?.image ?? "").split(":").pop()))].sort();
    return sendJson(res, 200, { status: "ok", version: versions.join(",") });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "https://sandbox");
    const p = url.pathname.replace(/\/+$/, "") || "/";

    // Unauthenticated: the Phoenix API gateway's health and the server's own probes.
    if (p === "/health") return gatewayHealth(res, url.searchParams.get("namespace") ?? "phoenix-system");
    if (p === "/healthz" || p === "/livez" || p === "/readyz") return sendText(res, 200, "ok");
    // What Prometheus scrapes from the simulated workloads' exporters (as an unauthenticated metrics port would serve it).
    if (p === "/metrics") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      return void res.end(exposition({ store, scenarios: world.scenarios, podUsage, counters }));
    }

    const identity = tokens.get((req.headers.authorization ?? "").replace(/^Bearer\s+/i, ""));
    if (!identity) return sendJson(res, 401, new StatusError(401, "Unauthorized", "Unauthorized").toStatus());

    // Sandbox control: fault scenarios (admin only).
    if (p === "/sandbox/scenarios") {
      if (req.method === "GET") return sendJson(res, 200, { active: [...world.scenarios], available: SCENARIOS });
      const body = JSON.parse((await readBody(req)) || "{}") as { name?: string; enabled?: boolean };
      if (!SCENARIOS.includes(body.name as Scenario)) throw new StatusError(400, "BadRequest", `unknown scenario ${body.name}; one of ${SCENARIOS.join(", ")}`);
      world.setScenario(body.name as Scenario, body.enabled !== false);
      return sendJson(res, 200, { active: [...world.scenarios] });
    }

    if (p === "/sandbox/pause") {
      const state = () => ({ paused: paused !== null, writes: paused?.writesOnly ?? false });
      if (req.method === "GET") return sendJson(res, 200, state());
      const body = JSON.parse((await readBody(req)) || "{}") as { paused?: boolean; writes?: boolean };
      if (body.paused === false) resume();
      else pause({ writes: body.writes });
      return sendJson(res, 200, state());
    }

    // Discovery.
    if (p === "/version") return sendJson(res, 200, { major: "1", minor: "29", gitVersion: "v1.29.4-phoenix-sandbox", gitCommit: "sandbox", gitTreeState: "clean", buildDate: "2026-01-01T00:00:00Z", goVersion: "go1.21.9", compiler: "gc", platform: "linux/amd64" });
    if (p === "/api") return sendJson(res, 200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: `127.0.0.1:${(server.address() as AddressInfo).port}` }] });
    if (p === "/apis") return sendJson(res, 200, apiGroupList());
    if (p === "/api/v1") return sendJson(res, 200, apiResourceList("", "v1"));
    if (p === "/openapi/v2") {
      // An empty protobuf Document: kubectl's validator accepts it and skips unknown kinds.
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": "0" });
      return res.end();
    }
    const gv = /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
    if (gv) {
      const key = `${gv[1]}/${gv[2]}`;
      if (EXTRA_RESOURCE_LISTS[key]) return sendJson(res, 200, EXTRA_RESOURCE_LISTS[key]);
      const list = apiResourceList(gv[1]!, gv[2]!);
      if (list.resources.length) return sendJson(res, 200, list);
      throw new StatusError(404, "NotFound", "the server could not find the requested resource");
    }
    if (p.startsWith("/apis/authorization.k8s.io/v1/")) return accessReview(req, res, p, identity);
    if (p.startsWith("/apis/metrics.k8s.io/v1beta1/")) return metrics(res, p);

    // Resources.
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(p);
    if (!m) throw new StatusError(404, "NotFound", "the server could not find the requested resource");
    const group = m[2] ?? "";
    const version = m[1] ?? m[3]!;
    const parts = m[4]!.split("/").map(decodeURIComponent);
    let ns: string | undefined;
    let rest = parts;
    if (parts[0] === "namespaces" && parts.length >= 3 && group === "") {
      ns = parts[1];
      rest = parts.slice(2);
    } else if (parts[0] === "namespaces" && parts.length >= 3) {
      ns = parts[1];
      rest = parts.slice(2);
    }
    const [resource, name, sub] = rest as [string, string | undefined, string | undefined];
    const def = findResource(group, version, resource);
    if (!def) throw new StatusError(404, "NotFound", "the server could not find the requested resource");
    if (ns && def.namespaced && !store.get(DEF.namespaces, undefined, ns) && req.method !== "GET") {
      throw new StatusError(404, "NotFound", `namespaces "${ns}" not found`, { name: ns, kind: "namespaces" });
    }
    const dryRun = url.searchParams.getAll("dryRun").includes("All");

    if (!name) {
      if (req.method === "GET") {
        const watch = ["true", "1"].includes(url.searchParams.get("watch") ?? "");
        return watch ? watchCollection(req, res, def, ns, url) : listCollection(req, res, def, ns, url);
      }
      if (req.method === "POST") {
        const created = store.create(def, ns, parseObject(await readBody(req)), { dryRun });
        return sendJson(res, 201, created);
      }
      throw methodNotAllowed(req.method);
    }

    if (sub) return subresource(req, res, def, ns, name, sub, url, dryRun);

    switch (req.method) {
      case "GET": {
        const o = store.mustGet(def, ns, name);
        return wantsTable(req.headers.accept) ? sendJson(res, 200, toTable(def.kind, [o], { includeObject: includeObjectMode(url.searchParams), resourceVersion: store.resourceVersion })) : sendJson(res, 200, o);
      }
      case "PUT":
        return sendJson(res, 200, store.update(def, ns, name, parseObject(await readBody(req)), { dryRun }));
      case "PATCH": {
        const current = store.mustGet(def, ns, name);
        const patched = applyPatch(current as never, await readBody(req), req.headers["content-type"] ?? "", def.kind) as unknown as Obj;
        if (patched.metadata?.resourceVersion && patched.metadata.resourceVersion !== current.metadata.resourceVersion) {
          // A patch carrying a resourceVersion is a precondition, as on a real server.
          return sendJson(res, 200, store.update(def, ns, name, patched, { dryRun }));
        }
        return sendJson(res, 200, store.update(def, ns, name, { ...patched, metadata: { ...patched.metadata, resourceVersion: undefined } }, { dryRun }));
      }
      case "DELETE": {
        const o = store.mustGet(def, ns, name);
        if (dryRun) return sendJson(res, 200, o);
        if (def === DEF.pods && url.searchParams.get("gracePeriodSeconds") !== "0") {
          world.terminatePod(o);
          return sendJson(res, 200, store.get(def, ns, name) ?? o);
        }
        const gone = store.remove(def, ns, name);
        return sendJson(res, 200, def.kind === "Namespace" ? gone : { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details: { name, group: def.group, kind: def.resource, uid: gone.metadata.uid } });
      }
      default:
        throw methodNotAllowed(req.method);
    }
  }

  function filtered(def: ResourceDef, ns: string | undefined, url: URL) {
    const labels = parseLabelSelector(url.searchParams.get("labelSelector") ?? "");
    const fields = parseFieldSelector(url.searchParams.get("fieldSelector") ?? "", fieldSelectorFields(def.resource));
    return (o: Obj) => (!ns || !def.namespaced || o.metadata.namespace === ns) && matchesLabels(o.metadata.labels, labels) && matchesFields(o, fields);
  }

  function listCollection(req: IncomingMessage, res: ServerResponse, def: ResourceDef, ns: string | undefined, url: URL) {
    const match = filtered(def, ns, url);
    const items = store.list(def, ns).filter(match).sort((a, b) => (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "") || a.metadata.name.localeCompare(b.metadata.name));
    if (wantsTable(req.headers.accept)) {
      return sendJson(res, 200, toTable(def.kind, items, { includeObject: includeObjectMode(url.searchParams), resourceVersion: store.resourceVersion }));
    }
    return sendJson(res, 200, { kind: `${def.kind}List`, apiVersion: def.group ? `${def.group}/${def.version}` : def.version, metadata: { resourceVersion: store.resourceVersion }, items });
  }

  function watchCollection(req: IncomingMessage, res: ServerResponse, def: ResourceDef, ns: string | undefined, url: URL) {
    const match = filtered(def, ns, url);
    const table = wantsTable(req.headers.accept);
    const includeObject = includeObjectMode(url.searchParams);
    res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked", "cache-control": "no-store" });
    res.flushHeaders(); // as the API server does: the client sees the watch open before any event
    streams.add(res);
    const send = (type: string, object: Obj) => {
      if (res.writableEnded || res.destroyed) return;
      const payload = table ? toTable(def.kind, [object], { includeObject, resourceVersion: object.metadata.resourceVersion ?? store.resourceVersion }) : object;
      res.write(`${JSON.stringify({ type, object: payload })}\n`);
    };
    const rvParam = url.searchParams.get("resourceVersion");
    // Which objects this watcher has seen match: a filtered watch reports DELETED when one stops matching.
    const seen = new Set<string>();
    const id = (o: Obj) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
    const onEvent = (e: StoreEvent) => {
      if (e.def !== def) return;
      const m = match(e.object);
      const k = id(e.object);
      if (e.type === "DELETED") {
        if (seen.delete(k) || m) send("DELETED", e.object);
      } else if (m) {
        send(seen.has(k) ? "MODIFIED" : e.type === "ADDED" ? "ADDED" : "MODIFIED", e.object);
        seen.add(k);
      } else if (seen.delete(k)) send("DELETED", e.object);
    };
    if (!rvParam || rvParam === "0") {
      for (const o of store.list(def, ns).filter(match)) {
        send("ADDED", o);
        seen.add(id(o));
      }
    } else {
      const missed = store.since(Number(rvParam));
      if (!missed) {
        res.write(`${JSON.stringify({ type: "ERROR", object: new StatusError(410, "Expired", `too old resource version: ${rvParam} (${store.oldestWatchable})`).toStatus() })}\n`);
        res.end();
        streams.delete(res);
        return;
      }
      for (const o of store.list(def, ns).filter(match)) seen.add(id(o));
      for (const e of missed) onEvent(e);
    }
    store.events.on("change", onEvent);
    const timeout = Number(url.searchParams.get("timeoutSeconds") ?? 0);
    const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    const stop = () => {
      store.events.off("change", onEvent);
      clearTimeout(timer);
      streams.delete(res);
    };
    req.on("close", stop);
    res.on("close", stop);
  }

  async function subresource(req: IncomingMessage, res: ServerResponse, def: ResourceDef, ns: string | undefined, name: string, sub: string, url: URL, dryRun: boolean) {
    const allowed = def.subresources?.some((s) => s.name === sub);
    if (!allowed) throw new StatusError(404, "NotFound", "the server could not find the requested resource");
    const current = store.mustGet(def, ns, name);

    if (sub === "log") return podLog(req, res, current, url);

    if (sub === "scale") {
      const scale = () => {
        const o = store.mustGet(def, ns, name);
        return {
          kind: "Scale", apiVersion: "autoscaling/v1",
          metadata: { name, namespace: ns, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
          spec: { replicas: o.spec.replicas ?? 1 },
          status: { replicas: o.status?.replicas ?? 0, selector: Object.entries(o.spec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",") },
        };
      };
      if (req.method === "GET") return sendJson(res, 200, scale());
      if (req.method !== "PUT" && req.method !== "PATCH") throw methodNotAllowed(req.method);
      const body = await readBody(req);
      const next = req.method === "PUT" ? parseObject(body) : (applyPatch(scale() as never, body, req.headers["content-type"] ?? "") as unknown as Obj);
      const replicas = Number(next.spec?.replicas);
      if (!Number.isInteger(replicas) || replicas < 0) throw new StatusError(422, "Invalid", `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${next.spec?.replicas}: must be greater than or equal to 0`);
      const sentRv = next.metadata?.resourceVersion;
      if (req.method === "PUT" && sentRv && sentRv !== current.metadata.resourceVersion) {
        throw new StatusError(409, "Conflict", `Operation cannot be fulfilled on ${def.resource}.${def.group} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
      }
      if (!dryRun) store.update(def, ns, name, { ...current, spec: { ...current.spec, replicas }, metadata: { ...current.metadata, resourceVersion: undefined } });
      return sendJson(res, 200, dryRun ? { ...scale(), spec: { replicas } } : scale());
    }

    if (sub === "status") {
      if (req.method === "GET") return sendJson(res, 200, current);
      const body = await readBody(req);
      const next = req.method === "PUT" ? parseObject(body) : (applyPatch(current as never, body, req.headers["content-type"] ?? "", def.kind) as unknown as Obj);
      return sendJson(res, 200, store.update(def, ns, name, { ...next, metadata: { ...next.metadata, resourceVersion: req.method === "PUT" ? next.metadata?.resourceVersion : undefined } }, { dryRun, part: "status" }));
    }

    if (sub === "eviction" && req.method === "POST") return evict(res, current, dryRun);
    throw methodNotAllowed(req.method);
  }

  function podLog(req: IncomingMessage, res: ServerResponse, pod: Obj, url: URL) {
    const container = url.searchParams.get("container") ?? undefined;
    const containers: { name: string }[] = pod.spec.containers ?? [];
    if (!container && containers.length > 1) {
      throw new StatusError(400, "BadRequest", `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containers.map((c) => c.name).join(" ")}]`);
    }
    if (container && !containers.some((c) => c.name === container)) {
      throw new StatusError(400, "BadRequest", `container ${container} is not valid for pod ${pod.metadata.name}`);
    }
    const previous = ["true", "1"].includes(url.searchParams.get("previous") ?? "");
    const status = pod.status?.containerStatuses?.[0];
    if (previous && !status?.lastState?.terminated) {
      throw new StatusError(400, "BadRequest", `previous terminated container "${container ?? containers[0]?.name}" in pod "${pod.metadata.name}" not found`);
    }
    if (!status?.state?.running && !previous) {
      const waiting = status?.state?.waiting?.reason ?? "ContainerCreating";
      if (!status?.lastState?.terminated) throw new StatusError(400, "BadRequest", `container "${container ?? containers[0]?.name}" in pod "${pod.metadata.name}" is waiting to start: ${waiting}`);
    }
    const crashing = crashingNow(pod);
    let lines = podLogLines(pod, { container, previous, crashing });
    const tail = url.searchParams.get("tailLines");
    if (tail !== null) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    res.writeHead(200, { "content-type": "text/plain", "transfer-encoding": "chunked" });
    if (lines.length) res.write(`${lines.join("\n")}\n`);
    if (!["true", "1"].includes(url.searchParams.get("follow") ?? "") || previous) return void res.end();
    streams.add(res);
    let i = 0;
    const timer = setInterval(() => {
      // The sandbox (or the client) may have ended the stream between two lines.
      if (res.writableEnded || res.destroyed) return stop();
      const live = store.get(DEF.pods, pod.metadata.namespace, pod.metadata.name);
      if (!live) {
        stop();
        return void res.end();
      }
      res.write(`${nextLogLine(live, container, crashingNow(live), i++)}\n`);
    }, 1000);
    const stop = () => {
      clearInterval(timer);
      streams.delete(res);
    };
    req.on("close", stop);
    res.on("close", stop);
    res.on("finish", stop);
  }

  function crashingNow(pod: Obj) {
    const app = pod.metadata.labels?.app;
    return (world.scenarios.has("api-crashloop") && app === "phoenix-api") || (world.scenarios.has("collector-oom") && app === "otel-collector");
  }

  function evict(res: ServerResponse, pod: Obj, dryRun: boolean) {
    const pdbs = store.list(findResource("policy", "v1", "poddisruptionbudgets")!, pod.metadata.namespace);
    for (const pdb of pdbs) {
      const sel = Object.entries(pdb.spec?.selector?.matchLabels ?? {}) as [string, string][];
      if (!sel.every(([k, v]) => pod.metadata.labels?.[k] === v)) continue;
      const healthy = store.list(DEF.pods, pod.metadata.namespace).filter((p) => sel.every(([k, v]) => p.metadata.labels?.[k] === v) && !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True")).length;
      const min = Number(pdb.spec.minAvailable ?? 0);
      if (healthy - 1 < min) {
        throw new StatusError(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.", {
          causes: [{ reason: "DisruptionBudget", message: `The disruption budget ${pdb.metadata.name} needs ${min} healthy pods and has ${healthy} currently` }],
        });
      }
    }
    if (!dryRun) world.terminatePod(pod);
    return sendJson(res, 201, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 });
  }

  async function accessReview(req: IncomingMessage, res: ServerResponse, p: string, identity: { user: string; groups: string[] }) {
    if (req.method !== "POST") throw methodNotAllowed(req.method);
    const review = parseObject(await readBody(req));
    const kind = p.split("/").pop();
    // A SubjectAccessReview asks about the user (and groups) in its spec; the self reviews about the caller, or whom it impersonates.
    const user = kind === "subjectaccessreviews" ? (review.spec?.user ?? "") : ((req.headers["impersonate-user"] as string | undefined) ?? identity.user);
    const groups = kind === "subjectaccessreviews" ? ((review.spec?.groups as string[] | undefined) ?? []) : req.headers["impersonate-user"] ? [] : identity.groups;
    if (kind === "selfsubjectrulesreviews") {
      const rules = rulesFor(user, groups);
      return sendJson(res, 201, { ...review, apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", status: { resourceRules: rules, nonResourceRules: nonResourceRulesFor(groups), incomplete: false } });
    }
    const attrs = review.spec?.resourceAttributes ?? {};
    const allowed = rulesFor(user, groups).some(
      (r) => (r.verbs.includes("*") || r.verbs.includes(attrs.verb)) && (r.apiGroups.includes("*") || r.apiGroups.includes(attrs.group ?? "")) && (r.resources.includes("*") || r.resources.includes(attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource)) && (!r.namespaces || r.namespaces.includes(attrs.namespace)),
    );
    return sendJson(res, 201, {
      ...review,
      apiVersion: "authorization.k8s.io/v1",
      // Like RBAC: a reason when allowed, none when nothing grants it.
      status: { allowed, ...(allowed ? { reason: `RBAC: allowed by the sandbox's rules for ${user}` } : {}) },
    });
  }

  function metrics(res: ServerResponse, p: string) {
    const t = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    const m = /^\/apis\/metrics\.k8s\.io\/v1beta1\/(?:namespaces\/([^/]+)\/)?(pods|nodes)(?:\/([^/]+))?$/.exec(p);
    if (!m) throw new StatusError(404, "NotFound", "the server could not find the requested resource");
    const [, ns, kind, one] = m;
    if (kind === "nodes") {
      const items = store.list(DEF.nodes).filter((n) => !one || n.metadata.name === one).map((n) => {
        const pods = store.list(DEF.pods).filter((pod) => pod.spec.nodeName === n.metadata.name && pod.status?.phase === "Running");
        const cpu = 150 + pods.reduce((s, pod) => s + podUsage(pod).cpu, 0);
        const mem = 900 + pods.reduce((s, pod) => s + podUsage(pod).memory, 0);
        return { metadata: { name: n.metadata.name, creationTimestamp: t }, timestamp: t, window: "20s", usage: { cpu: `${cpu}m`, memory: `${mem}Mi` } };
      });
      if (one && !items.length) throw notFound(DEF.nodes, one);
      return sendJson(res, 200, one ? { kind: "NodeMetrics", apiVersion: "metrics.k8s.io/v1beta1", ...items[0] } : { kind: "NodeMetricsList", apiVersion: "metrics.k8s.io/v1beta1", metadata: {}, items });
    }
    const items = store.list(DEF.pods, ns).filter((pod) => pod.status?.phase === "Running" && (!one || pod.metadata.name === one)).map((pod) => {
      const u = podUsage(pod);
      return {
        metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, labels: pod.metadata.labels, creationTimestamp: t },
        timestamp: t, window: "20s",
        containers: (pod.spec.containers ?? []).map((c: { name: string }) => ({ name: c.name, usage: { cpu: `${u.cpu}m`, memory: `${u.memory}Mi` } })),
      };
    });
    return sendJson(res, 200, { kind: "PodMetricsList", apiVersion: "metrics.k8s.io/v1beta1", metadata: {}, items });
  }

  function podUsage(pod: Obj) {
    const seed = [...pod.metadata.name].reduce((a, c) => (a * 33 + c.charCodeAt(0)) >>> 0, 5381);
    const app = pod.metadata.labels?.app;
    let memory = 60 + (seed % 120);
    if (app === "otel-collector" && world.scenarios.has("collector-oom")) {
      // Memory climbs towards the 512Mi limit between OOM kills.
      const started = Date.parse(pod.status?.containerStatuses?.[0]?.state?.running?.startedAt ?? "") || Date.now();
      memory = Math.min(510, 420 + Math.round((Date.now() - started) / 80));
    }
    return { cpu: 5 + (seed % 90), memory };
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfigPath = path.join(options.dir, "kubeconfig");
  writeFileSync(kubeconfigPath, kubeconfig(url, pki.ca, adminToken), { mode: 0o600 });

  return {
    url,
    kubeconfigPath,
    adminToken,
    store,
    world,
    pause,
    resume,
    writes,
    close: async () => {
      resume();
      world.stop();
      for (const s of streams) s.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Rule = { verbs: string[]; apiGroups: string[]; resources: string[]; namespaces?: string[] };

/** What the default ClusterRoles system:basic-user and system:discovery give every authenticated identity. */
const BASIC_RULES: Rule[] = [
  { verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"] },
];

/** Simulated RBAC: admins may do anything; the pipeline operator manages pipelines; everyone else gets the basics. */
function rulesFor(user: string, groups: string[]): Rule[] {
  if (groups.includes("system:masters")) return [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }];
  if (user === "system:serviceaccount:phoenix-system:pipeline-operator") {
    return [
      { verbs: ["get", "list", "watch", "create", "update", "patch", "delete"], apiGroups: ["phoenix.io"], resources: ["phoenixprocesspipelines"], namespaces: ["phoenix-experiments", "phoenix-system"] },
      { verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods", "configmaps"], namespaces: ["phoenix-experiments"] },
      ...BASIC_RULES,
    ];
  }
  return BASIC_RULES;
}

function nonResourceRulesFor(groups: string[]) {
  if (groups.includes("system:masters")) return [{ verbs: ["*"], nonResourceURLs: ["*"] }];
  return [
    { verbs: ["get"], nonResourceURLs: ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"] },
  ];
}

function kubeconfig(server: string, ca: string, token: string) {
  const caData = Buffer.from(ca).toString("base64");
  return `apiVersion: v1
kind: Config
clusters:
- name: phoenix-sandbox
  cluster:
    server: ${server}
    certificate-authority-data: ${caData}
users:
- name: sandbox-admin
  user:
    token: ${token}
contexts:
- name: phoenix-sandbox
  context:
    cluster: phoenix-sandbox
    user: sandbox-admin
    namespace: phoenix-system
current-context: phoenix-sandbox
`;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { "content-type": "text/plain" });
  res.end(text);
}

/** Bodies of requests held during a pause, read when they arrived. */
const PREREAD = new WeakMap<IncomingMessage, string>();

function readBody(req: IncomingMessage): Promise<string> {
  const pre = PREREAD.get(req);
  if (pre !== undefined) return Promise.resolve(pre);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new StatusError(413, "RequestEntityTooLarge", "Request entity too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseObject(body: string): Obj {
  try {
    const o = JSON.parse(body) as Obj;
    if (!o || typeof o !== "object" || Array.isArray(o)) throw new Error("not an object");
    o.metadata ??= { name: "" };
    return o;
  } catch (err) {
    throw new StatusError(400, "BadRequest", `the body of the request could not be decoded as JSON: ${(err as Error).message}`);
  }
}

function methodNotAllowed(method?: string) {
  return new StatusError(405, "MethodNotAllowed", `the server does not allow this method on the requested resource (${method})`);
}

function reasonFor(code: number) {
  return ({ 400: "BadRequest", 409: "Conflict", 415: "UnsupportedMediaType", 422: "Invalid" } as Record<number, string>)[code] ?? "BadRequest";
}
