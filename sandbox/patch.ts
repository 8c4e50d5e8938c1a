// PATCH bodies for the sandbox API: RFC 7386 merge patch, RFC 6902 JSON patch, and Kubernetes'
// strategic merge patch (SMP) for built-in kinds, plus the media-type dispatch a PATCH request needs.
// Pure functions over plain JSON: inputs are never mutated, every result is a fresh copy.
// SMP follows k8s.io/apimachinery/pkg/util/strategicpatch (mergeMap, mergeSlice, normalizeElementOrder)
// with the server's options (parallel deletion lists merged, unmatched nulls ignored).

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** A patch the API server refuses; `status` is the HTTP code to answer with. */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 409 | 415 | 422,
  ) {
    super(message);
    this.name = "PatchError";
  }
}

// ---------------------------------------------------------------------------------------------
// JSON helpers

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// Keys come from request bodies, so "constructor" or "__proto__" must be read and written as plain
// data: never inherited from, and never able to swap an object's prototype.
function getOwn(o: JsonObject, key: string): Json | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function setOwn(o: JsonObject, key: string, value: Json): void {
  if (key === "__proto__") Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

function clone(v: Json): Json {
  if (Array.isArray(v)) return v.map(clone);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) setOwn(out, k, clone(x));
  return out;
}

function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

// ---------------------------------------------------------------------------------------------
// RFC 7386 JSON merge patch

/** RFC 7386: objects merge recursively, `null` deletes a member, anything else replaces. */
export function applyMergePatch(target: Json, patch: Json): Json {
  return mergePatchInto(clone(target), patch);
}

// `target` is already a private copy, so it may be changed in place; patch values are copied in.
function mergePatchInto(target: Json, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const result = isObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwn(result, key, mergePatchInto(getOwn(result, key) ?? null, value));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// RFC 6902 JSON patch

type Operation = { index: number; op: string; path: string; to: string[]; from?: string[]; value?: Json };

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);

/**
 * RFC 6902. All operations apply or none do. A failed `test`, a malformed operation or a path that
 * does not resolve is a 422 naming the operation's index and path; a body that is not a list is a 400,
 * as the API server answers when it cannot decode the patch at all.
 */
export function applyJsonPatch(target: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw new PatchError("a JSON patch must be a list of operations", 400);
  let doc = clone(target);
  ops.forEach((raw: unknown, index) => {
    doc = applyOperation(doc, readOperation(raw, index));
  });
  return doc;
}

function opError(o: Pick<Operation, "index" | "op" | "path">, message: string): PatchError {
  return new PatchError(`json patch operation ${o.index} (${o.op} ${JSON.stringify(o.path)}): ${message}`, 422);
}

function readOperation(raw: unknown, index: number): Operation {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw opError({ index, op: "?", path: "?" }, "an operation must be an object");
  const fields = raw as Record<string, unknown>;
  const op = fields.op;
  const path = typeof fields.path === "string" ? fields.path : "?";
  if (typeof op !== "string" || !OPS.has(op)) throw opError({ index, op: String(op), path }, "unknown op (expected add, remove, replace, move, copy or test)");
  const o = { index, op, path };
  if (typeof fields.path !== "string") throw opError(o, 'missing "path"');
  const to = parsePointer(fields.path);
  if (!to) throw opError(o, "path is not a valid JSON pointer");
  const operation: Operation = { ...o, to };
  if (op === "move" || op === "copy") {
    const from = typeof fields.from === "string" ? parsePointer(fields.from) : undefined;
    if (!from) throw opError(o, '"from" is missing or not a valid JSON pointer');
    operation.from = from;
  }
  if (op === "add" || op === "replace" || op === "test") {
    if (fields.value === undefined) throw opError(o, 'missing "value"');
    // Copied so that later operations, which change the document in place, never reach into the request.
    operation.value = clone(fields.value as Json);
  }
  return operation;
}

/** RFC 6901: "" is the whole document; "/a~1b/~0c" is ["a/b", "~c"]. Undefined when malformed. */
function parsePointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  const tokens = pointer.slice(1).split("/");
  if (tokens.some((t) => /~(?![01])/.test(t))) return undefined;
  // ~1 before ~0, so that "~01" becomes "~1" and not "/".
  return tokens.map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function applyOperation(doc: Json, o: Operation): Json {
  switch (o.op) {
    case "add":
      return addAt(doc, o.to, o.value ?? null, o);
    case "remove":
      return removeAt(doc, o.to, o);
    case "replace":
      return replaceAt(doc, o.to, o.value ?? null, o);
    case "move":
      return moveValue(doc, o.from ?? [], o);
    case "copy":
      return addAt(doc, o.to, clone(valueAt(doc, o.from ?? [], o, "from")), o);
    default:
      return testValue(doc, o);
  }
}

/** Array indices are decimal without leading zeros (RFC 6901 §4). */
function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

function lookup(doc: Json, tokens: readonly string[]): Json | undefined {
  let current: Json | undefined = doc;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      const i = arrayIndex(token);
      current = i === undefined ? undefined : current[i];
    } else if (isObject(current)) current = getOwn(current, token);
    else return undefined;
  }
  return current;
}

function valueAt(doc: Json, tokens: readonly string[], o: Operation, which: "path" | "from"): Json {
  const value = lookup(doc, tokens);
  if (value === undefined) throw opError(o, `the ${which} does not exist`);
  return value;
}

function splitLast(tokens: readonly string[]): [string[], string] {
  return [tokens.slice(0, -1), tokens[tokens.length - 1] ?? ""];
}

function addAt(doc: Json, tokens: readonly string[], value: Json, o: Operation): Json {
  if (tokens.length === 0) return value;
  const [parentTokens, last] = splitLast(tokens);
  const parent = lookup(doc, parentTokens);
  if (Array.isArray(parent)) {
    const i = last === "-" ? parent.length : arrayIndex(last);
    if (i === undefined || i > parent.length) throw opError(o, `array index ${JSON.stringify(last)} is out of bounds`);
    parent.splice(i, 0, value);
  } else if (isObject(parent)) setOwn(parent, last, value);
  else throw opError(o, "the parent of the path does not exist");
  return doc;
}

/** The container and position of an existing value, for remove and replace. */
function existingSlot(doc: Json, tokens: readonly string[], o: Operation): { parent: Json[]; index: number } | { parent: JsonObject; key: string } {
  const [parentTokens, last] = splitLast(tokens);
  const parent = lookup(doc, parentTokens);
  if (Array.isArray(parent)) {
    const index = arrayIndex(last);
    if (index !== undefined && index < parent.length) return { parent, index };
  } else if (isObject(parent) && Object.hasOwn(parent, last)) return { parent, key: last };
  throw opError(o, "the path does not exist");
}

function removeAt(doc: Json, tokens: readonly string[], o: Operation): Json {
  if (tokens.length === 0) throw opError(o, "cannot remove the whole document");
  const slot = existingSlot(doc, tokens, o);
  if ("index" in slot) slot.parent.splice(slot.index, 1);
  else delete slot.parent[slot.key];
  return doc;
}

function replaceAt(doc: Json, tokens: readonly string[], value: Json, o: Operation): Json {
  if (tokens.length === 0) return value;
  const slot = existingSlot(doc, tokens, o);
  if ("index" in slot) slot.parent[slot.index] = value;
  else setOwn(slot.parent, slot.key, value);
  return doc;
}

function moveValue(doc: Json, from: readonly string[], o: Operation): Json {
  const intoItself = o.to.length > from.length && from.every((t, i) => o.to[i] === t);
  if (intoItself) throw opError(o, "cannot move a value into one of its own children");
  const value = valueAt(doc, from, o, "from");
  return addAt(removeAt(doc, from, o), o.to, value, o);
}

function testValue(doc: Json, o: Operation): Json {
  const actual = lookup(doc, o.to);
  if (actual === undefined) throw opError(o, "test failed: the path does not exist");
  if (!deepEqual(actual, o.value)) throw opError(o, `test failed: the value is ${JSON.stringify(actual)}, not ${JSON.stringify(o.value)}`);
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes strategic merge patch

type ListStrategy = { type: "replace" } | { type: "mergeKey"; key: string } | { type: "set" };

/** `patchMergeKey` tags of built-in list fields (k8s.io/api), by field name. Other lists are replaced. */
const MERGE_KEYS = new Map([
  ["containers", "name"],
  ["initContainers", "name"],
  ["ephemeralContainers", "name"],
  ["volumes", "name"],
  ["env", "name"],
  ["imagePullSecrets", "name"],
  ["hostAliases", "ip"],
  ["volumeMounts", "mountPath"],
  ["volumeDevices", "devicePath"],
  ["conditions", "type"],
  ["ownerReferences", "uid"],
]);

/** Primitive lists tagged patchStrategy=merge: they merge as sets (ObjectMeta.finalizers). */
const SET_LISTS = new Set(["finalizers"]);

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);

const SET_ORDER = "$setElementOrder/";
const DELETE_FROM = "$deleteFromPrimitiveList/";

/** `path` is the field names from the object root to the list; list positions are not part of it. */
function listStrategy(path: readonly string[], kind: string | undefined): ListStrategy {
  const field = path.at(-1) ?? "";
  if (field === "ports") {
    // "ports" is keyed differently by the struct it sits in; elsewhere (NetworkPolicy…) it is replaced.
    if (CONTAINER_LISTS.has(path.at(-2) ?? "")) return { type: "mergeKey", key: "containerPort" };
    if (kind === "Service" && path.length === 2 && path[0] === "spec") return { type: "mergeKey", key: "port" };
    return { type: "replace" };
  }
  const key = MERGE_KEYS.get(field);
  if (key) return { type: "mergeKey", key };
  return SET_LISTS.has(field) ? { type: "set" } : { type: "replace" };
}

function where(path: readonly string[]): string {
  return path.length ? path.join(".") : "the object";
}

/**
 * Kubernetes strategic merge patch for built-in kinds. Lists of objects with a merge key (containers
 * by name, ports by containerPort, Service ports by port…) merge element by element; other lists are
 * replaced. Supports `null`, `$patch` (replace/delete), `$setElementOrder/<list>`, `$retainKeys` and
 * `$deleteFromPrimitiveList/<list>`; no directive survives into the result. `kind` defaults to the
 * target's own `kind`.
 */
export function applyStrategicMergePatch(target: Json, patch: Json, kind?: string): Json {
  if (!isObject(patch)) throw new PatchError("a strategic merge patch must be a JSON object", 400);
  const original = clone(target);
  const base = isObject(original) ? original : {};
  const ownKind = getOwn(base, "kind");
  return mergeMap(base, patch, [], kind ?? (typeof ownKind === "string" ? ownKind : undefined));
}

// `original` is a private copy and is changed in place; `patch` is only read, and whatever is taken
// from it is rebuilt (by merging into an empty value), so directives and nulls never leak through.
function mergeMap(original: JsonObject, patch: JsonObject, path: readonly string[], kind: string | undefined): JsonObject {
  const directive = getOwn(patch, "$patch");
  if (directive !== undefined) return applyMapDirective(directive, patch, path, kind);
  applyRetainKeys(original, patch, path);
  // Lists are merged after the other keys, together with the directives that name them.
  const lists = new Set<string>();
  for (const [key, value] of Object.entries(patch)) {
    if (key === "$retainKeys") continue;
    const named = listDirectiveTarget(key, path);
    if (named !== undefined) lists.add(named);
    else if (value === null) delete original[key];
    else if (Array.isArray(value)) lists.add(key);
    else setOwn(original, key, isObject(value) ? mergeMap(childMap(original, key), value, [...path, key], kind) : value);
  }
  for (const field of lists) mergeListField(original, field, patch, [...path, field], kind);
  return original;
}

function childMap(o: JsonObject, key: string): JsonObject {
  const child = getOwn(o, key);
  return isObject(child) ? child : {};
}

function applyMapDirective(directive: Json, patch: JsonObject, path: readonly string[], kind: string | undefined): JsonObject {
  if (directive === "replace") {
    const rest = Object.fromEntries(Object.entries(patch).filter(([k]) => k !== "$patch"));
    return mergeMap({}, rest, path, kind);
  }
  // As in Kubernetes, a deleted map becomes empty rather than disappearing from its parent.
  if (directive === "delete") return {};
  throw new PatchError(`${where(path)}: unknown $patch directive ${JSON.stringify(directive)} (expected "replace" or "delete")`, 400);
}

/** The list a `$setElementOrder/<f>` or `$deleteFromPrimitiveList/<f>` key applies to; undefined for other keys. */
function listDirectiveTarget(key: string, path: readonly string[]): string | undefined {
  for (const prefix of [SET_ORDER, DELETE_FROM]) {
    if (!key.startsWith(prefix.slice(0, -1))) continue;
    if (key.startsWith(prefix) && key.length > prefix.length) return key.slice(prefix.length);
    throw new PatchError(`${where(path)}: malformed directive key ${JSON.stringify(key)} (expected ${prefix}<list field>)`, 400);
  }
  return undefined;
}

/** `$retainKeys`: drop every key of the live map that the list does not name, before merging. */
function applyRetainKeys(original: JsonObject, patch: JsonObject, path: readonly string[]): void {
  const retain = getOwn(patch, "$retainKeys");
  if (retain === undefined) return;
  if (!Array.isArray(retain) || !retain.every((k) => typeof k === "string")) {
    throw new PatchError(`${where(path)}: $retainKeys must be a list of field names`, 400);
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key === "$retainKeys" || key.startsWith(SET_ORDER) || key.startsWith(DELETE_FROM)) continue;
    if (!retain.includes(key)) throw new PatchError(`${where(path)}: the patch sets "${key}", which $retainKeys does not list`, 422);
  }
  for (const key of Object.keys(original)) if (!retain.includes(key)) delete original[key];
}

function directiveList(patch: JsonObject, key: string, path: readonly string[]): Json[] | undefined {
  const value = getOwn(patch, key);
  if (value === undefined || Array.isArray(value)) return value;
  throw new PatchError(`${where(path)}: ${key} must be a list`, 400);
}

function mergeListField(original: JsonObject, field: string, patch: JsonObject, path: readonly string[], kind: string | undefined): void {
  const patchList = getOwn(patch, field);
  // null already deleted the field, and a non-list value already replaced it.
  if (patchList !== undefined && !Array.isArray(patchList)) return;
  const parent = path.slice(0, -1);
  const order = directiveList(patch, SET_ORDER + field, parent);
  const remove = directiveList(patch, DELETE_FROM + field, parent);
  const live = getOwn(original, field);
  let current = Array.isArray(live) ? live : undefined;
  if (current && remove) current = current.filter((v) => !remove.some((r) => deepEqual(r, v)));
  if (current === undefined && patchList === undefined) return;

  const strategy = listStrategy(path, kind);
  if (strategy.type !== "replace") setOwn(original, field, mergeList(current ?? [], patchList ?? [], order, strategy, path, kind));
  else if (patchList !== undefined) setOwn(original, field, patchList.map((v) => rebuild(v, path, kind)));
  else if (current !== undefined) setOwn(original, field, current);
}

/** A patch value placed where nothing is merged into it: directives applied, nulls dropped, copied. */
function rebuild(value: Json, path: readonly string[], kind: string | undefined): Json {
  if (isObject(value)) return mergeMap({}, value, path, kind);
  if (Array.isArray(value)) return value.map((v) => rebuild(v, path, kind));
  return value;
}

type Merged = { merged: Json[]; patchItems: Json[]; serverOrder: Json[] };

function mergeList(
  original: Json[],
  patch: Json[],
  order: Json[] | undefined,
  strategy: Exclude<ListStrategy, { type: "replace" }>,
  path: readonly string[],
  kind: string | undefined,
): Json[] {
  const identity = strategy.type === "set" ? (v: Json) => v : (v: Json) => (isObject(v) ? getOwn(v, strategy.key) : undefined);
  const { merged, patchItems, serverOrder } =
    strategy.type === "set" ? mergeSet(original, patch) : mergeByKey(original, patch, strategy.key, path, kind);
  if (order) checkElementOrder(order, patchItems, strategy, identity, path);
  return orderLikeKubernetes(merged, order ?? patchItems, serverOrder, identity);
}

/** Lists of objects with a merge key: `$patch: delete` items remove, others merge into their match or append. */
function mergeByKey(original: Json[], patch: Json[], key: string, path: readonly string[], kind: string | undefined): Merged {
  let base = original.slice();
  const items: JsonObject[] = [];
  let replace = false;
  patch.forEach((item, i) => {
    if (!isObject(item)) throw new PatchError(`${where(path)}[${i}]: expected an object with merge key "${key}"`, 422);
    const directive = getOwn(item, "$patch");
    if (directive === undefined) items.push(requireMergeKey(item, key, path));
    else if (directive === "delete") {
      const doomed = getOwn(requireMergeKey(item, key, path), key);
      base = base.filter((el) => !(isObject(el) && deepEqual(getOwn(el, key), doomed)));
    } else if (directive === "replace") replace = true; // {"$patch":"replace"} as an item: the list becomes the other items
    else throw new PatchError(`${where(path)}[${i}]: unknown $patch directive ${JSON.stringify(directive)}`, 400);
  });
  if (replace) base = [];
  const serverOrder = base.slice();
  for (const item of items) {
    const at = base.findIndex((el) => isObject(el) && deepEqual(getOwn(el, key), getOwn(item, key)));
    const match = base[at];
    if (isObject(match)) base[at] = mergeMap(match, item, path, kind);
    else base.push(mergeMap({}, item, path, kind));
  }
  return { merged: base, patchItems: items, serverOrder };
}

function requireMergeKey(item: JsonObject, key: string, path: readonly string[]): JsonObject {
  if (Object.hasOwn(item, key)) return item;
  throw new PatchError(`${where(path)}: map ${JSON.stringify(item)} does not contain declared merge key: ${key}`, 422);
}

/** Primitive lists with merge semantics are a union, without duplicates. */
function mergeSet(original: Json[], patch: Json[]): Merged {
  const merged: Json[] = [];
  for (const v of [...original, ...patch]) if (!merged.some((m) => deepEqual(m, v))) merged.push(clone(v));
  return { merged, patchItems: patch, serverOrder: original };
}

/** The patch's items must appear in `$setElementOrder`, in the same relative order (as Kubernetes checks). */
function checkElementOrder(
  order: Json[],
  patchItems: Json[],
  strategy: Exclude<ListStrategy, { type: "replace" }>,
  identity: (v: Json) => Json | undefined,
  path: readonly string[],
): void {
  const directive = `$setElementOrder/${path.at(-1) ?? ""}`;
  if (strategy.type === "mergeKey" && !order.every((o) => isObject(o) && Object.hasOwn(o, strategy.key))) {
    throw new PatchError(`${where(path.slice(0, -1))}: every item of ${directive} must name its "${strategy.key}"`, 400);
  }
  if (order.length === 0) return;
  let next = 0;
  for (const item of patchItems) {
    while (next < order.length && !deepEqual(identity(order[next] ?? null), identity(item))) next++;
    if (next === order.length) throw new PatchError(`${where(path.slice(0, -1))}: the order in the patch list doesn't match ${directive}`, 400);
    next++;
  }
}

/**
 * The order Kubernetes gives a merged list (normalizeElementOrder + mergeSortedSlice): items the
 * patch names take the patch's order (or `$setElementOrder`'s); items only on the server keep their
 * relative order and go back in front of the first named item they preceded in the live list.
 */
function orderLikeKubernetes(merged: Json[], patchOrder: Json[], serverOrder: Json[], identity: (v: Json) => Json | undefined): Json[] {
  const patchIds = patchOrder.map(identity);
  const serverIds = serverOrder.map(identity);
  const position = (ids: (Json | undefined)[], v: Json) => {
    const id = identity(v);
    return id === undefined ? -1 : ids.findIndex((x) => x !== undefined && deepEqual(x, id));
  };
  const named = merged.filter((v) => position(patchIds, v) >= 0).sort((a, b) => position(patchIds, a) - position(patchIds, b));
  // Server-only items are already in live order: merging keeps live positions and only appends patch items.
  const serverOnly = merged.filter((v) => position(patchIds, v) < 0);
  const result: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length && j < named.length) {
    const live = position(serverIds, serverOnly[i] ?? null);
    const patched = position(serverIds, named[j] ?? null);
    if (live >= 0 && patched >= 0 && live < patched) result.push(serverOnly[i++] ?? null);
    else result.push(named[j++] ?? null);
  }
  return [...result, ...serverOnly.slice(i), ...named.slice(j)];
}

// ---------------------------------------------------------------------------------------------
// PATCH request bodies

/** The media types a PATCH may carry, as the API server accepts them. */
export const patchContentTypes = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
  "application/apply-patch+yaml",
] as const;

export type PatchContentType = (typeof patchContentTypes)[number];

// The API server's wording, which clients show as-is.
const UNKNOWN_FORMAT =
  "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json";

/**
 * Applies a PATCH request body by its Content-Type (parameters after ";" ignored). Unknown types,
 * plain application/json included, are 415; a body that is not JSON is 400. Server-side apply
 * (`application/apply-patch+yaml`) is approximated as a merge patch of the full object and must be
 * JSON, which is what `kubectl apply --server-side` sends.
 */
export function applyPatch(target: Json, body: string, contentType: string, kind?: string): Json {
  const mediaType = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  switch (mediaType) {
    case "application/json-patch+json":
      return applyJsonPatch(target, parseBody(body, mediaType));
    case "application/merge-patch+json":
      return applyMergePatch(target, requireObject(parseBody(body, mediaType), mediaType));
    case "application/strategic-merge-patch+json":
      return applyStrategicMergePatch(target, requireObject(parseBody(body, mediaType), mediaType), kind);
    case "application/apply-patch+yaml":
      return applyMergePatch(target, requireObject(parseApplyBody(body), mediaType));
    default:
      throw new PatchError(UNKNOWN_FORMAT, 415);
  }
}

function parseBody(body: string, mediaType: string): Json {
  try {
    return JSON.parse(body) as Json;
  } catch (err) {
    throw new PatchError(`the ${mediaType} body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, 400);
  }
}

function parseApplyBody(body: string): Json {
  try {
    return JSON.parse(body) as Json;
  } catch {
    throw new PatchError(
      "this sandbox accepts application/apply-patch+yaml bodies only as JSON (as kubectl apply --server-side sends them); YAML is not supported",
      415,
    );
  }
}

// A patch that is not an object would replace the whole Kubernetes object with a scalar or a list.
function requireObject(patch: Json, mediaType: string): Json {
  if (isObject(patch)) return patch;
  throw new PatchError(`the ${mediaType} body must be a JSON object`, 400);
}
