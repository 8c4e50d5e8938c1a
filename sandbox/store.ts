// The sandbox's object store: one global resourceVersion, 409 on stale updates, generation
// bumped only by spec changes, and an event history that watches replay from.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { groupVersion, type ResourceDef } from "./resources";

export type Meta = {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }[];
  generateName?: string;
  [k: string]: unknown;
};

// spec and status are open JSON: their shape depends on the kind.
export type Obj = { apiVersion: string; kind: string; metadata: Meta; spec?: any; status?: any; [k: string]: any };

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";
export type StoreEvent = { type: WatchEventType; object: Obj; def: ResourceDef; rv: number };

/** A Kubernetes API error, answered as a Status body. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  toStatus() {
    return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: this.message, reason: this.reason, details: this.details, code: this.code };
  }
}

export const qualified = (def: ResourceDef) => (def.group ? `${def.resource}.${def.group}` : def.resource);

export function notFound(def: ResourceDef, name: string) {
  return new StatusError(404, "NotFound", `${qualified(def)} "${name}" not found`, { name, group: def.group, kind: def.resource });
}

const HISTORY = 20_000;
const clone = <T>(v: T): T => structuredClone(v);

export class ClusterStore {
  private rv = 1000;
  private readonly byResource = new Map<string, Map<string, Obj>>();
  private readonly history: StoreEvent[] = [];
  readonly events = new EventEmitter();

  constructor() {
    this.events.setMaxListeners(0);
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get oldestWatchable(): number {
    return this.history[0]?.rv ?? this.rv;
  }

  private bucket(def: ResourceDef) {
    const key = `${def.group}/${def.resource}`;
    let b = this.byResource.get(key);
    if (!b) this.byResource.set(key, (b = new Map()));
    return b;
  }

  private key = (ns: string | undefined, name: string) => `${ns ?? ""}/${name}`;

  list(def: ResourceDef, ns?: string): Obj[] {
    const all = [...this.bucket(def).values()];
    return (ns && def.namespaced ? all.filter((o) => o.metadata.namespace === ns) : all).map(clone);
  }

  /** Live objects for controllers (no copy): callers must write through update(). */
  peek(def: ResourceDef, ns?: string): Obj[] {
    const all = [...this.bucket(def).values()];
    return ns ? all.filter((o) => o.metadata.namespace === ns) : all;
  }

  get(def: ResourceDef, ns: string | undefined, name: string): Obj | undefined {
    const o = this.bucket(def).get(this.key(def.namespaced ? ns : undefined, name));
    return o ? clone(o) : undefined;
  }

  mustGet(def: ResourceDef, ns: string | undefined, name: string): Obj {
    const o = this.get(def, ns, name);
    if (!o) throw notFound(def, name);
    return o;
  }

  create(def: ResourceDef, ns: string | undefined, input: Obj, options: { dryRun?: boolean } = {}): Obj {
    const obj = clone(input);
    obj.apiVersion = groupVersion(def);
    obj.kind = def.kind;
    obj.metadata ??= { name: "" };
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = `${obj.metadata.generateName}${randomSuffix(5)}`;
    if (!obj.metadata.name) throw new StatusError(422, "Invalid", `${def.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
    if (def.namespaced) {
      obj.metadata.namespace = ns ?? obj.metadata.namespace ?? "default";
      if (ns && input.metadata?.namespace && input.metadata.namespace !== ns) {
        throw new StatusError(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request");
      }
    } else delete obj.metadata.namespace;
    const k = this.key(obj.metadata.namespace, obj.metadata.name);
    if (this.bucket(def).has(k)) {
      throw new StatusError(409, "AlreadyExists", `${qualified(def)} "${obj.metadata.name}" already exists`, { name: obj.metadata.name, group: def.group, kind: def.resource });
    }
    obj.metadata.uid = randomUUID();
    obj.metadata.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    obj.metadata.generation = 1;
    delete obj.metadata.resourceVersion;
    delete obj.metadata.deletionTimestamp;
    if (options.dryRun) return { ...obj, metadata: { ...obj.metadata, resourceVersion: this.resourceVersion } };
    return this.commit(def, k, obj, "ADDED");
  }

  /**
   * Replaces an object. `part` says which half a client may change: the main resource keeps
   * the stored status, the status subresource keeps the stored spec.
   */
  update(def: ResourceDef, ns: string | undefined, name: string, input: Obj, options: { dryRun?: boolean; part?: "main" | "status" | "all" } = {}): Obj {
    const k = this.key(def.namespaced ? ns : undefined, name);
    const current = this.bucket(def).get(k);
    if (!current) throw notFound(def, name);
    const sent = input.metadata?.resourceVersion;
    if (sent && sent !== current.metadata.resourceVersion) {
      throw new StatusError(409, "Conflict", `Operation cannot be fulfilled on ${qualified(def)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, group: def.group, kind: def.resource });
    }
    if (input.metadata?.name && input.metadata.name !== name) {
      throw new StatusError(400, "BadRequest", `the name of the object (${input.metadata.name}) does not match the name on the URL (${name})`);
    }
    const next = clone(input);
    const part = options.part ?? "main";
    if (part === "main" && current.status !== undefined) next.status = clone(current.status);
    if (part === "status") {
      next.spec = clone(current.spec);
      next.metadata = { ...clone(current.metadata), labels: next.metadata?.labels ?? current.metadata.labels, annotations: next.metadata?.annotations ?? current.metadata.annotations };
    }
    next.apiVersion = groupVersion(def);
    next.kind = def.kind;
    next.metadata = {
      ...next.metadata,
      name,
      namespace: current.metadata.namespace,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      deletionTimestamp: current.metadata.deletionTimestamp,
      generation: current.metadata.generation,
    };
    if (!def.namespaced) delete next.metadata.namespace;
    if (next.metadata.deletionTimestamp === undefined) delete next.metadata.deletionTimestamp;
    if (JSON.stringify(next.spec ?? null) !== JSON.stringify(current.spec ?? null)) next.metadata.generation = (current.metadata.generation ?? 1) + 1;
    if (options.dryRun) return { ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } };
    if (JSON.stringify(next) === JSON.stringify({ ...current, metadata: { ...current.metadata, resourceVersion: undefined } })) return clone(current);
    return this.commit(def, k, next, "MODIFIED");
  }

  /** Controllers' write path: read-modify-write without conflict checks. */
  mutate(def: ResourceDef, ns: string | undefined, name: string, fn: (o: Obj) => void, part: "all" | "status" = "all"): Obj | undefined {
    const current = this.get(def, ns, name);
    if (!current) return undefined;
    const before = JSON.stringify(current);
    fn(current);
    if (JSON.stringify(current) === before) return current;
    delete current.metadata.resourceVersion;
    const k = this.key(def.namespaced ? ns : undefined, name);
    const stored = this.bucket(def).get(k)!;
    if (part === "status") current.metadata.generation = stored.metadata.generation;
    else if (JSON.stringify(current.spec ?? null) !== JSON.stringify(stored.spec ?? null)) current.metadata.generation = (stored.metadata.generation ?? 1) + 1;
    return this.commit(def, k, current, "MODIFIED");
  }

  remove(def: ResourceDef, ns: string | undefined, name: string): Obj {
    const k = this.key(def.namespaced ? ns : undefined, name);
    const current = this.bucket(def).get(k);
    if (!current) throw notFound(def, name);
    this.bucket(def).delete(k);
    this.rv++;
    const gone = { ...clone(current), metadata: { ...clone(current.metadata), resourceVersion: String(this.rv) } };
    this.record({ type: "DELETED", object: gone, def, rv: this.rv });
    return gone;
  }

  private commit(def: ResourceDef, k: string, obj: Obj, type: WatchEventType): Obj {
    this.rv++;
    obj.metadata.resourceVersion = String(this.rv);
    this.bucket(def).set(k, obj);
    this.record({ type, object: clone(obj), def, rv: this.rv });
    return clone(obj);
  }

  private record(e: StoreEvent) {
    this.history.push(e);
    if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
    this.events.emit("change", e);
  }

  /** Events after `rv`, oldest first; undefined when `rv` is older than the history kept. */
  since(rv: number): StoreEvent[] | undefined {
    if (rv < this.oldestWatchable - 1 && this.history.length >= HISTORY) return undefined;
    return this.history.filter((e) => e.rv > rv);
  }
}

const HASH_CHARS = "bcdfghjklmnpqrstvwxz2456789";
export function randomSuffix(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += HASH_CHARS[Math.floor(Math.random() * HASH_CHARS.length)];
  return s;
}

/** A stable 10-character hash of a pod template, like the pod-template-hash label. */
export function templateHash(template: unknown): string {
  const text = JSON.stringify(template);
  let h1 = 0x811c9dc5;
  let h2 = 0x1b873593;
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619);
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 2246822519);
  }
  let s = "";
  let x = (h1 >>> 0) * 4294967296 + (h2 >>> 0);
  for (let i = 0; i < 10; i++) {
    s += HASH_CHARS[x % HASH_CHARS.length];
    x = Math.floor(x / HASH_CHARS.length);
  }
  return s;
}
