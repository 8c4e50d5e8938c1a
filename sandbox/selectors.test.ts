import { describe, expect, it } from "vitest";
import {
  fieldSelectorFields,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from "./selectors";

function selectorError(fn: () => unknown): SelectorError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SelectorError);
    expect((err as SelectorError).status).toBe(400);
    return err as SelectorError;
  }
  throw new Error("expected a SelectorError");
}

const web = { app: "web", tier: "frontend", env: "prod", replicas: "3" };
const matches = (selector: string, labels: Record<string, string> | undefined = web) => matchesLabels(labels, parseLabelSelector(selector));

describe("parseLabelSelector", () => {
  it("parses each form", () => {
    expect(parseLabelSelector("app=web")).toEqual([{ key: "app", operator: "=", values: ["web"] }]);
    expect(parseLabelSelector("app==web")).toEqual([{ key: "app", operator: "==", values: ["web"] }]);
    expect(parseLabelSelector("app!=web")).toEqual([{ key: "app", operator: "!=", values: ["web"] }]);
    expect(parseLabelSelector("env in (prod,staging)")).toEqual([{ key: "env", operator: "in", values: ["prod", "staging"] }]);
    expect(parseLabelSelector("env notin (canary)")).toEqual([{ key: "env", operator: "notin", values: ["canary"] }]);
    expect(parseLabelSelector("app")).toEqual([{ key: "app", operator: "exists", values: [] }]);
    expect(parseLabelSelector("!legacy")).toEqual([{ key: "legacy", operator: "!", values: [] }]);
    expect(parseLabelSelector("replicas>2")).toEqual([{ key: "replicas", operator: "gt", values: ["2"] }]);
    expect(parseLabelSelector("replicas<5")).toEqual([{ key: "replicas", operator: "lt", values: ["5"] }]);
  });

  it("parses comma-separated requirements and tolerates whitespace", () => {
    const parsed = parseLabelSelector("  app = web ,tier!=db,  env in ( prod , staging ),! legacy , owner ");
    expect(parsed.map((r) => `${r.key} ${r.operator} ${r.values.join("|")}`.trim())).toEqual([
      "app = web",
      "tier != db",
      "env in prod|staging",
      "legacy !",
      "owner exists",
    ]);
  });

  it("accepts prefixed keys, empty values and 'in' used as a key or a value", () => {
    expect(parseLabelSelector("app.kubernetes.io/name=phoenix-api")[0]?.key).toBe("app.kubernetes.io/name");
    expect(parseLabelSelector("app=")).toEqual([{ key: "app", operator: "=", values: [""] }]);
    expect(parseLabelSelector("env in (a,)")[0]?.values).toEqual(["", "a"]);
    expect(parseLabelSelector("in=notin")).toEqual([{ key: "in", operator: "=", values: ["notin"] }]);
    expect(parseLabelSelector("mode in (in,notin)")[0]?.values).toEqual(["in", "notin"]);
  });

  it("selects everything when empty", () => {
    expect(parseLabelSelector("")).toEqual([]);
    expect(parseLabelSelector("   ")).toEqual([]);
    expect(matches("")).toBe(true);
    expect(matches("", undefined)).toBe(true);
  });

  it("refuses invalid syntax with the API server's messages", () => {
    expect(selectorError(() => parseLabelSelector("app=web,")).message).toBe("found '', expected: identifier after ','");
    expect(selectorError(() => parseLabelSelector("app web")).message).toBe("unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt");
    expect(selectorError(() => parseLabelSelector("env in prod")).message).toBe("unable to parse requirement: found 'prod' expected: '('");
    expect(selectorError(() => parseLabelSelector("=web")).message).toBe("found '=', expected: !, identifier, or 'end of string'");
    expect(selectorError(() => parseLabelSelector("!app=web")).message).toBe("found '=', expected: ',' or 'end of string'");
    for (const bad of ["env in (prod", "env in (a b)", "env in (a=)", "app==(x)", ",app", "app=a=b", "app!"]) {
      expect(selectorError(() => parseLabelSelector(bad)).message, bad).toMatch(/^(unable to parse requirement: )?found '/);
    }
  });

  it("refuses invalid keys and values", () => {
    expect(selectorError(() => parseLabelSelector("-app=web")).message).toMatch(/^unable to parse requirement: key: Invalid value: "-app"/);
    expect(selectorError(() => parseLabelSelector("Example.com/app=web")).message).toMatch(/prefix part/);
    expect(selectorError(() => parseLabelSelector(`app=${"x".repeat(64)}`)).message).toMatch(/no more than 63 characters/);
    expect(selectorError(() => parseLabelSelector("app=we$b")).message).toMatch(/^unable to parse requirement: values\[0\]\[app\]: Invalid value: "we\$b"/);
    expect(selectorError(() => parseLabelSelector("replicas>two")).message).toMatch(/must be an integer/);
    expect(selectorError(() => parseLabelSelector("replicas>-2")).message).toMatch(/Invalid value/);
  });
});

describe("matchesLabels", () => {
  it("matches equality, sets and existence", () => {
    expect(matches("app=web")).toBe(true);
    expect(matches("app==web,tier=frontend")).toBe(true);
    expect(matches("app=web,tier=backend")).toBe(false);
    expect(matches("app!=api")).toBe(true);
    expect(matches("app!=web")).toBe(false);
    expect(matches("env in (prod,staging)")).toBe(true);
    expect(matches("env in (staging)")).toBe(false);
    expect(matches("env notin (prod)")).toBe(false);
    expect(matches("env notin (staging)")).toBe(true);
    expect(matches("tier")).toBe(true);
    expect(matches("owner")).toBe(false);
    expect(matches("!owner")).toBe(true);
    expect(matches("!tier")).toBe(false);
  });

  it("treats an absent key as matching != and notin, and failing =, in and exists", () => {
    expect(matches("owner!=x")).toBe(true);
    expect(matches("owner notin (x)")).toBe(true);
    expect(matches("owner=x")).toBe(false);
    expect(matches("owner in (x)")).toBe(false);
    expect(matches("owner!=x", undefined)).toBe(true);
    expect(matches("owner", undefined)).toBe(false);
    expect(matches("!owner", undefined)).toBe(true);
  });

  it("compares > and < numerically, and never matches a label that is not a number", () => {
    expect(matches("replicas>2")).toBe(true);
    expect(matches("replicas>3")).toBe(false);
    expect(matches("replicas<10")).toBe(true);
    expect(matches("app>1")).toBe(false);
    expect(matches("missing<1")).toBe(false);
  });

  it("reads labels as own keys only", () => {
    expect(matches("constructor")).toBe(false);
    expect(matches("toString=x")).toBe(false);
  });
});

describe("parseFieldSelector", () => {
  const podFields = fieldSelectorFields("pods");

  it("parses =, == and != terms separated by commas", () => {
    expect(parseFieldSelector("spec.nodeName=node-1", podFields)).toEqual([{ field: "spec.nodeName", operator: "=", value: "node-1" }]);
    expect(parseFieldSelector("status.phase==Running,metadata.namespace!=kube-system", podFields)).toEqual([
      { field: "status.phase", operator: "==", value: "Running" },
      { field: "metadata.namespace", operator: "!=", value: "kube-system" },
    ]);
    expect(parseFieldSelector("", podFields)).toEqual([]);
    expect(parseFieldSelector("metadata.name=", podFields)).toEqual([{ field: "metadata.name", operator: "=", value: "" }]);
  });

  it("unescapes \\, \\= and \\\\ in values", () => {
    expect(parseFieldSelector("metadata.name=a\\,b\\=c\\\\d", podFields)).toEqual([{ field: "metadata.name", operator: "=", value: "a,b=c\\d" }]);
  });

  it("refuses unsupported fields with the API server's message", () => {
    expect(selectorError(() => parseFieldSelector("spec.restartPolicy=Always", podFields)).message).toBe("field label not supported: spec.restartPolicy");
    expect(selectorError(() => parseFieldSelector("spec.nodeName=node-1", fieldSelectorFields("deployments"))).message).toBe(
      "field label not supported: spec.nodeName",
    );
  });

  it("refuses malformed terms", () => {
    expect(selectorError(() => parseFieldSelector("metadata.name", podFields)).message).toBe("invalid selector: 'metadata.name'; can't understand 'metadata.name'");
    expect(selectorError(() => parseFieldSelector("metadata.name=a=b", podFields)).message).toMatch(/unescaped character: =/);
    expect(selectorError(() => parseFieldSelector("metadata.name=a\\x", podFields)).message).toMatch(/invalid escape sequence/);
    expect(selectorError(() => parseFieldSelector("metadata.name=a\\", podFields)).message).toMatch(/invalid escape sequence/);
  });
});

describe("matchesFields", () => {
  const pod = (name: string, nodeName?: string, phase = "Running") => ({
    metadata: { name, namespace: "prod" },
    spec: nodeName ? { nodeName } : {},
    status: { phase, podIP: "10.0.0.5" },
  });

  it("selects the pods on a node, as kubectl drain asks (spec.nodeName=node-1)", () => {
    const pods = [pod("a", "node-1"), pod("b", "node-2"), pod("c"), pod("d", "node-1", "Succeeded")];
    const reqs = parseFieldSelector("spec.nodeName=node-1", fieldSelectorFields("pods"));
    expect(pods.filter((p) => matchesFields(p, reqs)).map((p) => p.metadata.name)).toEqual(["a", "d"]);
  });

  it("selects one deployment by name, as kubectl rollout status asks (metadata.name=phoenix-api)", () => {
    const deployments = ["phoenix-api", "phoenix-web", "phoenix-api-canary"].map((name) => ({ metadata: { name, namespace: "prod" } }));
    const reqs = parseFieldSelector("metadata.name=phoenix-api", fieldSelectorFields("deployments"));
    expect(deployments.filter((d) => matchesFields(d, reqs)).map((d) => d.metadata.name)).toEqual(["phoenix-api"]);
  });

  it("reads a missing path as empty, so != matches it and = does not", () => {
    const unscheduled = pod("c");
    expect(matchesFields(unscheduled, parseFieldSelector("spec.nodeName=", fieldSelectorFields("pods")))).toBe(true);
    expect(matchesFields(unscheduled, parseFieldSelector("spec.nodeName!=node-1", fieldSelectorFields("pods")))).toBe(true);
    expect(matchesFields(unscheduled, parseFieldSelector("spec.nodeName=node-1", fieldSelectorFields("pods")))).toBe(false);
    expect(matchesFields(undefined, parseFieldSelector("metadata.name=", fieldSelectorFields("pods")))).toBe(true);
  });

  it("combines terms with AND", () => {
    const reqs = parseFieldSelector("spec.nodeName=node-1,status.phase!=Succeeded", fieldSelectorFields("pods"));
    expect(matchesFields(pod("a", "node-1"), reqs)).toBe(true);
    expect(matchesFields(pod("d", "node-1", "Succeeded"), reqs)).toBe(false);
  });

  it("reads event fields, including source from source.component", () => {
    const event = {
      metadata: { name: "phoenix-api.17a", namespace: "prod" },
      involvedObject: { kind: "Deployment", name: "phoenix-api", namespace: "prod", uid: "u-1" },
      reason: "ScalingReplicaSet",
      source: { component: "deployment-controller" },
      type: "Normal",
    };
    const fields = fieldSelectorFields("events");
    expect(matchesFields(event, parseFieldSelector("involvedObject.kind=Deployment,involvedObject.name=phoenix-api,type=Normal", fields))).toBe(true);
    expect(matchesFields(event, parseFieldSelector("source=deployment-controller,reason=ScalingReplicaSet", fields))).toBe(true);
    expect(matchesFields(event, parseFieldSelector("involvedObject.name=phoenix-web", fields))).toBe(false);
  });

  it("reads node unschedulable as true/false, unset meaning false", () => {
    const fields = fieldSelectorFields("nodes");
    const cordoned = { metadata: { name: "node-1" }, spec: { unschedulable: true } };
    const ready = { metadata: { name: "node-2" }, spec: {} };
    const schedulable = parseFieldSelector("spec.unschedulable=false", fields);
    expect([cordoned, ready].filter((n) => matchesFields(n, schedulable)).map((n) => n.metadata.name)).toEqual(["node-2"]);
    expect(matchesFields(cordoned, parseFieldSelector("spec.unschedulable=true", fields))).toBe(true);
  });
});

describe("fieldSelectorFields", () => {
  it("lists metadata.name and metadata.namespace for every resource, plus each kind's own", () => {
    expect(fieldSelectorFields("configmaps")).toEqual(["metadata.name", "metadata.namespace"]);
    expect(fieldSelectorFields("pods")).toEqual(["metadata.name", "metadata.namespace", "spec.nodeName", "status.phase", "status.podIP"]);
    expect(fieldSelectorFields("nodes")).toContain("spec.unschedulable");
    expect(fieldSelectorFields("secrets")).toContain("type");
    expect(fieldSelectorFields("events")).toEqual(expect.arrayContaining(["involvedObject.uid", "reason", "reportingComponent", "source", "type"]));
    expect(fieldSelectorFields("events")).toHaveLength(13);
    expect(fieldSelectorFields("constructor")).toEqual(["metadata.name", "metadata.namespace"]);
  });
});
