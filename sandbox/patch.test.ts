import { describe, expect, it } from "vitest";
import {
  applyJsonPatch,
  applyMergePatch,
  applyPatch,
  applyStrategicMergePatch,
  type Json,
  PatchError,
  patchContentTypes,
} from "./patch";

const SMP = "application/strategic-merge-patch+json";
const MERGE = "application/merge-patch+json";
const JSON_PATCH = "application/json-patch+json";
const APPLY = "application/apply-patch+yaml";

function deployment(): Json {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "phoenix-api",
      namespace: "prod",
      annotations: { "deployment.kubernetes.io/revision": "3" },
      finalizers: ["example.com/a", "example.com/b"],
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "phoenix-api" } },
      template: {
        metadata: { labels: { app: "phoenix-api" }, annotations: { team: "core" } },
        spec: {
          containers: [
            {
              name: "api",
              image: "img:1",
              args: ["--port", "8080"],
              ports: [{ containerPort: 8080, name: "http" }],
              env: [
                { name: "A", value: "1" },
                { name: "B", value: "2" },
                { name: "C", value: "3" },
              ],
              volumeMounts: [{ mountPath: "/data", name: "data" }],
            },
            { name: "sidecar", image: "proxy:1" },
          ],
          volumes: [{ name: "data", emptyDir: {} }],
          tolerations: [{ key: "a", operator: "Exists" }],
        },
      },
    },
  };
}

function node(): Json {
  return { apiVersion: "v1", kind: "Node", metadata: { name: "node-1" }, spec: { podCIDR: "10.0.1.0/24" } };
}

/** Walks a dotted path in a test fixture, typed loosely for assertions. */
function at(obj: Json, path: string): any {
  return path.split(".").reduce<any>((o, k) => (o == null ? undefined : o[k]), obj);
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object") {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
}

function patchError(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PatchError);
    return err as PatchError;
  }
  throw new Error("expected a PatchError");
}

describe("what kubectl sends", () => {
  it("set image: $setElementOrder with one container keeps the other and changes only the image", () => {
    const body = '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"api"}],"containers":[{"image":"img:2","name":"api"}]}}}}';
    const before = deployment();
    const after = applyPatch(before, body, SMP);
    const containers = at(after, "spec.template.spec.containers");
    expect(containers.map((c: any) => c.name)).toEqual(["api", "sidecar"]);
    expect(containers[0]).toEqual({ ...at(before, "spec.template.spec.containers")[0], image: "img:2" });
    expect(containers[1]).toEqual({ name: "sidecar", image: "proxy:1" });
    expect(JSON.stringify(after)).not.toContain("$setElementOrder");
    expect({ ...(after as any), spec: undefined }).toEqual({ ...(before as any), spec: undefined });
  });

  it("set image as kubectl computes it for two containers (both named in the order list)", () => {
    const patch = {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "api" }, { name: "sidecar" }],
            containers: [{ image: "proxy:2", name: "sidecar" }],
          },
        },
      },
    };
    const containers = at(applyStrategicMergePatch(deployment(), patch), "spec.template.spec.containers");
    expect(containers.map((c: any) => `${c.name}=${c.image}`)).toEqual(["api=img:1", "sidecar=proxy:2"]);
  });

  it("rollout restart adds the restartedAt annotation and keeps the others", () => {
    const body = '{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-02T03:04:05Z"}}}}}';
    const after = applyPatch(deployment(), body, `${SMP}; charset=utf-8`);
    expect(at(after, "spec.template.metadata.annotations")).toEqual({ team: "core", "kubectl.kubernetes.io/restartedAt": "2026-01-02T03:04:05Z" });
    expect(at(after, "spec.template.spec")).toEqual(at(deployment(), "spec.template.spec"));
  });

  it("cordon sets spec.unschedulable and uncordon's null removes it", () => {
    const cordoned = applyPatch(node(), '{"spec":{"unschedulable":true}}', SMP);
    expect(at(cordoned, "spec")).toEqual({ podCIDR: "10.0.1.0/24", unschedulable: true });
    const uncordoned = applyPatch(cordoned, '{"spec":{"unschedulable":null}}', SMP);
    expect(at(uncordoned, "spec")).toEqual({ podCIDR: "10.0.1.0/24" });
    expect(uncordoned).toEqual(node());
  });

  it("rollout undo replaces /spec/template and /metadata/annotations with a JSON patch", () => {
    const oldTemplate = { metadata: { labels: { app: "phoenix-api" } }, spec: { containers: [{ name: "api", image: "img:0" }] } };
    const annotations = { "deployment.kubernetes.io/revision": "3", "kubernetes.io/change-cause": "undo" };
    const body = JSON.stringify([
      { op: "replace", path: "/spec/template", value: oldTemplate },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ]);
    const after = applyPatch(deployment(), body, JSON_PATCH);
    expect(at(after, "spec.template")).toEqual(oldTemplate);
    expect(at(after, "metadata.annotations")).toEqual(annotations);
    expect(at(after, "spec.replicas")).toBe(3);
  });

  it("scale sends a merge patch of spec.replicas", () => {
    const after = applyPatch(deployment(), '{"spec":{"replicas":5}}', MERGE);
    expect(at(after, "spec.replicas")).toBe(5);
    expect(at(after, "spec.template")).toEqual(at(deployment(), "spec.template"));
  });

  it("env merges by name: $patch delete removes one, a new one is added, a changed one merges", () => {
    const patch: Json = {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: "api",
                env: [
                  { name: "B", $patch: "delete" },
                  { name: "A", value: "10" },
                  { name: "D", value: "4" },
                ],
              },
            ],
          },
        },
      },
    };
    const after = applyStrategicMergePatch(deployment(), patch);
    const api = at(after, "spec.template.spec.containers")[0];
    // Without $setElementOrder, Kubernetes keeps the patch's order for the items it names (A, D) and
    // puts a live-only item (C) back only in front of a named item it preceded: D is new, so C ends up last.
    expect(api.env).toEqual([
      { name: "A", value: "10" },
      { name: "D", value: "4" },
      { name: "C", value: "3" },
    ]);
    expect(api.image).toBe("img:1");
    expect(at(after, "spec.template.spec.containers")).toHaveLength(2);
    expect(JSON.stringify(after)).not.toContain("$patch");
  });

  it("server-side apply with a JSON body merges the full object", () => {
    const body = JSON.stringify({ apiVersion: "v1", kind: "Node", metadata: { name: "node-1", labels: { zone: "a" } } });
    expect(applyPatch(node(), body, APPLY)).toEqual({ ...(node() as any), metadata: { name: "node-1", labels: { zone: "a" } } });
  });
});

describe("RFC 7386 merge patch (Appendix A)", () => {
  const cases: [Json, Json, Json][] = [
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [["a", "b"], ["c", "d"], ["c", "d"]],
    [{ a: "b" }, ["c"], ["c"]],
    [{ a: "foo" }, null, null],
    [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(cases)("%j + %j = %j", (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it("section 3 example", () => {
    const target = { title: "Goodbye!", author: { givenName: "John", familyName: "Doe" }, tags: ["example", "sample"], content: "This will be unchanged" };
    const patch = { title: "Hello!", phoneNumber: "+01-123-456-7890", author: { familyName: null }, tags: ["example"] };
    expect(applyMergePatch(target, patch)).toEqual({
      title: "Hello!",
      author: { givenName: "John" },
      tags: ["example"],
      content: "This will be unchanged",
      phoneNumber: "+01-123-456-7890",
    });
  });
});

describe("RFC 6902 JSON patch (Appendix A)", () => {
  it("A.1 adds an object member", () => {
    expect(applyJsonPatch({ foo: "bar" }, [{ op: "add", path: "/baz", value: "qux" }])).toEqual({ baz: "qux", foo: "bar" });
  });
  it("A.2 adds an array element", () => {
    expect(applyJsonPatch({ foo: ["bar", "baz"] }, [{ op: "add", path: "/foo/1", value: "qux" }])).toEqual({ foo: ["bar", "qux", "baz"] });
  });
  it("A.3 removes an object member", () => {
    expect(applyJsonPatch({ baz: "qux", foo: "bar" }, [{ op: "remove", path: "/baz" }])).toEqual({ foo: "bar" });
  });
  it("A.4 removes an array element", () => {
    expect(applyJsonPatch({ foo: ["bar", "qux", "baz"] }, [{ op: "remove", path: "/foo/1" }])).toEqual({ foo: ["bar", "baz"] });
  });
  it("A.5 replaces a value", () => {
    expect(applyJsonPatch({ baz: "qux", foo: "bar" }, [{ op: "replace", path: "/baz", value: "boo" }])).toEqual({ baz: "boo", foo: "bar" });
  });
  it("A.6 moves a value", () => {
    const doc = { foo: { bar: "baz", waldo: "fred" }, qux: { corge: "grault" } };
    expect(applyJsonPatch(doc, [{ op: "move", from: "/foo/waldo", path: "/qux/thud" }])).toEqual({
      foo: { bar: "baz" },
      qux: { corge: "grault", thud: "fred" },
    });
  });
  it("A.7 moves an array element", () => {
    const doc = { foo: ["all", "grass", "cows", "eat"] };
    expect(applyJsonPatch(doc, [{ op: "move", from: "/foo/1", path: "/foo/3" }])).toEqual({ foo: ["all", "cows", "eat", "grass"] });
  });
  it("A.8 tests a value: success", () => {
    const doc = { baz: "qux", foo: ["a", 2, "c"] };
    const ops = [
      { op: "test", path: "/baz", value: "qux" },
      { op: "test", path: "/foo/1", value: 2 },
    ];
    expect(applyJsonPatch(doc, ops)).toEqual(doc);
  });
  it("A.9 tests a value: error is a 422 naming the operation", () => {
    const err = patchError(() => applyJsonPatch({ baz: "qux" }, [{ op: "test", path: "/baz", value: "bar" }]));
    expect(err.status).toBe(422);
    expect(err.message).toContain("operation 0");
    expect(err.message).toContain('"/baz"');
  });
  it("A.10 adds a nested member object", () => {
    expect(applyJsonPatch({ foo: "bar" }, [{ op: "add", path: "/child", value: { grandchild: {} } }])).toEqual({ foo: "bar", child: { grandchild: {} } });
  });
  it("A.11 ignores unrecognized members of an operation", () => {
    expect(applyJsonPatch({ foo: "bar" }, [{ op: "add", path: "/baz", value: "qux", xyz: 123 }])).toEqual({ foo: "bar", baz: "qux" });
  });
  it("A.12 refuses to add to a nonexistent target", () => {
    const err = patchError(() => applyJsonPatch({ foo: "bar" }, [{ op: "add", path: "/baz/bat", value: "qux" }]));
    expect(err.status).toBe(422);
    expect(err.message).toContain("/baz/bat");
  });
  it("A.14 unescapes ~01 as ~1, not /", () => {
    expect(applyJsonPatch({ "/": 9, "~1": 10 }, [{ op: "test", path: "/~01", value: 10 }])).toEqual({ "/": 9, "~1": 10 });
    expect(applyJsonPatch({ "/": 9 }, [{ op: "replace", path: "/~1", value: 1 }])).toEqual({ "/": 1 });
  });
  it("A.15 compares strings and numbers strictly", () => {
    expect(patchError(() => applyJsonPatch({ "/": 9, "~1": 10 }, [{ op: "test", path: "/~01", value: "10" }])).status).toBe(422);
  });
  it("A.16 appends an array value with -", () => {
    expect(applyJsonPatch({ foo: ["bar"] }, [{ op: "add", path: "/foo/-", value: ["abc", "def"] }])).toEqual({ foo: ["bar", ["abc", "def"]] });
  });

  it("copies values, compares objects regardless of key order, and replaces the root", () => {
    const doc = { a: { x: 1, y: [1, 2] } };
    const copied = applyJsonPatch(doc, [
      { op: "copy", from: "/a", path: "/b" },
      { op: "replace", path: "/b/x", value: 2 },
      { op: "test", path: "/a", value: { y: [1, 2], x: 1 } },
    ]);
    expect(copied).toEqual({ a: { x: 1, y: [1, 2] }, b: { x: 2, y: [1, 2] } });
    expect(applyJsonPatch(doc, [{ op: "replace", path: "", value: [1] }])).toEqual([1]);
  });

  it("is all or nothing, and names the failing operation's index and path", () => {
    const doc = { spec: { replicas: 1 } };
    const err = patchError(() =>
      applyJsonPatch(doc, [
        { op: "replace", path: "/spec/replicas", value: 2 },
        { op: "remove", path: "/spec/missing" },
      ]),
    );
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/operation 1 \(remove "\/spec\/missing"\)/);
    expect(doc).toEqual({ spec: { replicas: 1 } });
  });

  it("refuses malformed operations and pointers with 422", () => {
    const bad: unknown[] = [
      [{ op: "frob", path: "/a" }],
      [{ op: "add", value: 1 }],
      [{ op: "add", path: "/a" }],
      [{ op: "move", path: "/a" }],
      [{ op: "add", path: "a", value: 1 }],
      [{ op: "add", path: "/~2", value: 1 }],
      [{ op: "add", path: "/list/01", value: 1 }],
      [{ op: "add", path: "/list/5", value: 1 }],
      [{ op: "replace", path: "/list/-", value: 1 }],
      [{ op: "move", from: "/obj", path: "/obj/child" }],
      [{ op: "remove", path: "" }],
      ["add"],
    ];
    for (const ops of bad) expect(patchError(() => applyJsonPatch({ list: [0], obj: {} }, ops)).status, JSON.stringify(ops)).toBe(422);
    expect(patchError(() => applyJsonPatch({}, { op: "add" })).status).toBe(400);
  });

  it("treats __proto__ and constructor as plain keys", () => {
    const out = applyJsonPatch({}, [{ op: "add", path: "/__proto__", value: { polluted: true } }]) as any;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(["__proto__"]);
    expect(patchError(() => applyJsonPatch({}, [{ op: "test", path: "/constructor", value: {} }])).status).toBe(422);
  });
});

describe("strategic merge patch", () => {
  const podSpec = (after: Json) => at(after, "spec.template.spec");
  const patchPodSpec = (spec: Record<string, Json>) => applyStrategicMergePatch(deployment(), { spec: { template: { spec } } });

  it("merges container ports by containerPort and volumeMounts by mountPath", () => {
    const after = patchPodSpec({
      containers: [
        {
          name: "api",
          "$setElementOrder/ports": [{ containerPort: 8080 }, { containerPort: 9090 }],
          ports: [{ containerPort: 9090, name: "metrics" }],
          volumeMounts: [{ mountPath: "/data", readOnly: true }],
        },
      ],
    });
    const api = podSpec(after).containers[0];
    expect(api.ports).toEqual([
      { containerPort: 8080, name: "http" },
      { containerPort: 9090, name: "metrics" },
    ]);
    expect(api.volumeMounts).toEqual([{ mountPath: "/data", name: "data", readOnly: true }]);
  });

  it("merges Service ports by port, but only when the kind is Service", () => {
    const svc = { kind: "Service", spec: { ports: [{ port: 80, targetPort: 8080, name: "http" }] } };
    const ports: Json = [{ port: 80, targetPort: 9090 }, { port: 443, name: "https" }];
    const patch = { spec: { ports } };
    expect(at(applyStrategicMergePatch(svc, patch, "Service"), "spec.ports")).toEqual([
      { port: 80, targetPort: 9090, name: "http" },
      { port: 443, name: "https" },
    ]);
    // The kind defaults to the target's own kind.
    expect(at(applyStrategicMergePatch(svc, patch), "spec.ports")).toHaveLength(2);
    const policy = { kind: "NetworkPolicy", spec: { ports: [{ port: 80 }] } };
    expect(at(applyStrategicMergePatch(policy, patch), "spec.ports")).toEqual(ports);
  });

  it("replaces lists without a merge key: tolerations, args, envFrom", () => {
    const after = patchPodSpec({
      tolerations: [{ key: "b", operator: "Exists" }],
      containers: [{ name: "api", args: ["--debug"], envFrom: [{ configMapRef: { name: "cm" } }] }],
    });
    expect(podSpec(after).tolerations).toEqual([{ key: "b", operator: "Exists" }]);
    expect(podSpec(after).containers[0].args).toEqual(["--debug"]);
    expect(podSpec(after).containers[0].envFrom).toEqual([{ configMapRef: { name: "cm" } }]);
  });

  it("merges conditions by type and ownerReferences by uid", () => {
    const target = {
      metadata: { ownerReferences: [{ uid: "u1", name: "a" }] },
      status: { conditions: [{ type: "Available", status: "False" }, { type: "Progressing", status: "True" }] },
    };
    const after = applyStrategicMergePatch(target, {
      metadata: { ownerReferences: [{ uid: "u2", name: "b" }] },
      status: { conditions: [{ type: "Available", status: "True" }] },
    });
    // A new item sent without $setElementOrder goes before the live ones, as Kubernetes' mergeSortedSlice does.
    expect(at(after, "metadata.ownerReferences").map((o: any) => o.uid)).toEqual(["u2", "u1"]);
    expect(at(after, "status.conditions")).toEqual([{ type: "Available", status: "True" }, { type: "Progressing", status: "True" }]);
  });

  it("$setElementOrder reorders, and items it does not name stay where they were relative to the others", () => {
    const target = { spec: { containers: [{ name: "a" }, { name: "b" }, { name: "c" }] } };
    const reordered = applyStrategicMergePatch(target, { spec: { "$setElementOrder/containers": [{ name: "c" }, { name: "b" }, { name: "a" }] } });
    expect(at(reordered, "spec.containers")).toEqual([{ name: "c" }, { name: "b" }, { name: "a" }]);
    const partial = applyStrategicMergePatch(target, { spec: { "$setElementOrder/containers": [{ name: "c" }, { name: "b" }] } });
    expect(at(partial, "spec.containers")).toEqual([{ name: "a" }, { name: "c" }, { name: "b" }]);
  });

  it("refuses a patch list whose order contradicts $setElementOrder", () => {
    const patch = { spec: { "$setElementOrder/containers": [{ name: "a" }, { name: "b" }], containers: [{ name: "b" }, { name: "a" }] } };
    expect(patchError(() => applyStrategicMergePatch({ spec: {} }, patch)).status).toBe(400);
  });

  it("$patch: replace on a map replaces it; $patch: delete on a map empties it, as Kubernetes does", () => {
    const target = { spec: { template: { metadata: { labels: { a: "1" } }, spec: { containers: [{ name: "x" }] } } } };
    const replaced = applyStrategicMergePatch(target, { spec: { template: { spec: { containers: [{ name: "y" }] }, $patch: "replace" } } });
    expect(at(replaced, "spec.template")).toEqual({ spec: { containers: [{ name: "y" }] } });
    const deleted = applyStrategicMergePatch(target, { spec: { template: { metadata: { labels: { $patch: "delete" } } } } });
    expect(at(deleted, "spec.template.metadata.labels")).toEqual({});
  });

  it('{"$patch":"replace"} as a list item replaces the whole list with the other items', () => {
    const after = patchPodSpec({ volumes: [{ $patch: "replace" }, { name: "cache", emptyDir: {} }] });
    expect(podSpec(after).volumes).toEqual([{ name: "cache", emptyDir: {} }]);
  });

  it("$retainKeys keeps only the listed keys of the live map", () => {
    const target = { spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } } };
    const after = applyStrategicMergePatch(target, { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } });
    expect(at(after, "spec.strategy")).toEqual({ type: "Recreate" });
    const bad = { spec: { strategy: { $retainKeys: ["type"], rollingUpdate: {} } } };
    expect(patchError(() => applyStrategicMergePatch(target, bad)).status).toBe(422);
  });

  it("finalizers merge as a set; $deleteFromPrimitiveList removes values", () => {
    const added = applyStrategicMergePatch(deployment(), { metadata: { finalizers: ["example.com/b", "example.com/c"] } });
    expect(at(added, "metadata.finalizers")).toEqual(["example.com/a", "example.com/b", "example.com/c"]);
    const removed = applyStrategicMergePatch(deployment(), {
      metadata: { "$setElementOrder/finalizers": ["example.com/b"], "$deleteFromPrimitiveList/finalizers": ["example.com/a"] },
    });
    expect(at(removed, "metadata.finalizers")).toEqual(["example.com/b"]);
    expect(JSON.stringify(removed)).not.toContain("$");
  });

  it("new values taken from the patch lose their directives and nulls", () => {
    const after = applyStrategicMergePatch({}, {
      spec: { template: { spec: { containers: [{ name: "a", env: [{ name: "X", $patch: "delete" }, { name: "Y", value: null }] }] } } },
    });
    expect(after).toEqual({ spec: { template: { spec: { containers: [{ name: "a", env: [{ name: "Y" }] }] } } } });
  });

  it("refuses merge-list items without their merge key (422) and unknown directives (400)", () => {
    expect(patchError(() => patchPodSpec({ containers: [{ image: "x" }] })).status).toBe(422);
    expect(patchError(() => patchPodSpec({ containers: ["api"] })).status).toBe(422);
    expect(patchError(() => patchPodSpec({ $patch: "merge" })).status).toBe(400);
    expect(patchError(() => patchPodSpec({ "$setElementOrder/containers": "api" })).status).toBe(400);
    expect(patchError(() => applyStrategicMergePatch({}, ["not", "a", "map"])).status).toBe(400);
  });
});

describe("inputs are never mutated", () => {
  it("by any of the three patch kinds", () => {
    const target = deepFreeze(deployment());
    const smp = deepFreeze({
      metadata: { finalizers: ["x"], "$deleteFromPrimitiveList/finalizers": ["example.com/a"] },
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "sidecar" }, { name: "api" }],
            containers: [{ name: "api", image: "img:2", env: [{ name: "A", $patch: "delete" }] }],
            volumes: [{ $patch: "replace" }],
          },
        },
      },
    });
    const merge = deepFreeze({ spec: { replicas: null, template: { metadata: { labels: { app: "x" } } } } });
    const ops = deepFreeze([
      { op: "add", path: "/spec/template/spec/containers/-", value: { name: "new" } },
      { op: "replace", path: "/spec/template/spec/containers/2/name", value: "renamed" },
      { op: "move", from: "/metadata/finalizers", path: "/spec/finalizers" },
    ]);
    const snapshot = JSON.stringify([target, smp, merge, ops]);
    const results = [applyStrategicMergePatch(target, smp), applyMergePatch(target, merge), applyJsonPatch(target, ops)];
    expect(JSON.stringify([target, smp, merge, ops])).toBe(snapshot);
    // Results share nothing with the inputs: changing one leaves the fixture intact.
    for (const r of results) (at(r, "spec.template.spec.containers")[0] as any).image = "changed";
    expect(at(target, "spec.template.spec.containers")[0].image).toBe("img:1");
    expect(ops[0]?.value).toEqual({ name: "new" });
  });
});

describe("applyPatch media types", () => {
  it("lists the four accepted media types", () => {
    expect([...patchContentTypes].sort()).toEqual([APPLY, JSON_PATCH, MERGE, SMP].sort());
  });

  it("answers 415 with the API server's message for anything else, application/json included", () => {
    for (const type of ["application/json", "text/plain", "", "application/yaml"]) {
      const err = patchError(() => applyPatch(node(), "{}", type));
      expect(err.status).toBe(415);
      expect(err.message).toBe(
        "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json",
      );
    }
  });

  it("ignores parameters and case in the media type", () => {
    expect(at(applyPatch(node(), '{"spec":{"unschedulable":true}}', "Application/Merge-Patch+JSON; charset=utf-8"), "spec.unschedulable")).toBe(true);
  });

  it("answers 400 for a body that is not JSON, or not an object where one is needed", () => {
    for (const type of [JSON_PATCH, MERGE, SMP]) expect(patchError(() => applyPatch(node(), "{spec:", type)).status).toBe(400);
    expect(patchError(() => applyPatch(node(), "[]", MERGE)).status).toBe(400);
    expect(patchError(() => applyPatch(node(), '"x"', SMP)).status).toBe(400);
    expect(patchError(() => applyPatch(node(), "{}", JSON_PATCH)).status).toBe(400);
  });

  it("keeps a __proto__ key from the body as plain data in merge and strategic patches", () => {
    for (const type of [MERGE, SMP, APPLY]) {
      const out = applyPatch(node(), '{"metadata":{"__proto__":{"polluted":true}}}', type) as any;
      expect(Object.getPrototypeOf(out.metadata)).toBe(Object.prototype);
      expect(out.metadata.polluted).toBeUndefined();
      expect(Object.hasOwn(out.metadata, "__proto__")).toBe(true);
    }
    expect(({} as any).polluted).toBeUndefined();
  });

  it("answers 415 for server-side apply bodies written in YAML", () => {
    const err = patchError(() => applyPatch(node(), "apiVersion: v1\nkind: Node\n", APPLY));
    expect(err.status).toBe(415);
    expect(err.message).toMatch(/only as JSON/);
  });

  it("answers 422 for a failed test operation", () => {
    const body = JSON.stringify([{ op: "test", path: "/spec/replicas", value: 4 }, { op: "replace", path: "/spec/replicas", value: 5 }]);
    const err = patchError(() => applyPatch(deployment(), body, JSON_PATCH));
    expect(err.status).toBe(422);
    expect(err.message).toContain('operation 0 (test "/spec/replicas")');
  });
});
