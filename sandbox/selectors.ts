// Label and field selectors as the API server parses and matches them (k8s.io/apimachinery
// pkg/labels/selector.go and pkg/fields/selector.go): `?labelSelector=` and `?fieldSelector=` on
// list and watch requests. Errors carry the server's wording, which kubectl prints as-is.

/** A malformed or unsupported selector: answered as a 400 BadRequest. */
export class SelectorError extends Error {
  readonly status = 400 as const;
  constructor(message: string) {
    super(message);
    this.name = "SelectorError";
  }
}

// ---------------------------------------------------------------------------------------------
// Label selectors

/** Kubernetes' selection.Operator names; "gt"/"lt" are the numeric `k>5` and `k<5` forms. */
export type LabelOperator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export type LabelRequirement = { key: string; operator: LabelOperator; values: string[] };

type TokenType = "ident" | "in" | "notin" | "(" | ")" | "," | "=" | "==" | "!=" | "!" | ">" | "<" | "end";
type Token = { type: TokenType; text: string };

const SPECIAL = new Set(["=", "!", "(", ")", ",", ">", "<"]);
const WHITESPACE = new Set([" ", "\t", "\r", "\n"]);

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i] ?? "";
    if (WHITESPACE.has(ch)) {
      i++;
    } else if (SPECIAL.has(ch)) {
      const pair = s.slice(i, i + 2);
      const text = pair === "!=" || pair === "==" ? pair : ch;
      tokens.push({ type: text as TokenType, text });
      i += text.length;
    } else {
      let end = i;
      while (end < s.length && !SPECIAL.has(s[end] ?? "") && !WHITESPACE.has(s[end] ?? "")) end++;
      const text = s.slice(i, end);
      tokens.push({ type: text === "in" || text === "notin" ? text : "ident", text });
      i = end;
    }
  }
  tokens.push({ type: "end", text: "" });
  return tokens;
}

/**
 * Reads tokens the way Kubernetes' parser does: where a value is expected, `in` and `notin` are
 * ordinary words (so `env=in` and a key named `in` both work); only after a key are they operators.
 */
class TokenReader {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(asValue = true): Token {
    return this.read(this.tokens[this.pos], asValue);
  }

  next(asValue = true): Token {
    const token = this.read(this.tokens[this.pos], asValue);
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  private read(token: Token | undefined, asValue: boolean): Token {
    const t = token ?? { type: "end", text: "" };
    return asValue && (t.type === "in" || t.type === "notin") ? { type: "ident", text: t.text } : t;
  }
}

/**
 * Parses `app=web,tier!=db,env in (prod,staging),release notin (canary),owner,!legacy,replicas>2`.
 * An empty string selects everything.
 */
export function parseLabelSelector(s: string): LabelRequirement[] {
  const reader = new TokenReader(tokenize(s));
  const requirements: LabelRequirement[] = [];
  for (;;) {
    const start = reader.peek();
    if (start.type === "end") return requirements;
    if (start.type !== "ident" && start.type !== "!") throw new SelectorError(`found '${start.text}', expected: !, identifier, or 'end of string'`);
    requirements.push(parseRequirement(reader));
    const after = reader.next();
    if (after.type === "end") return requirements;
    if (after.type !== ",") throw new SelectorError(`found '${after.text}', expected: ',' or 'end of string'`);
    const following = reader.peek();
    if (following.type !== "ident" && following.type !== "!") throw new SelectorError(`found '${following.text}', expected: identifier after ','`);
  }
}

function parseRequirement(reader: TokenReader): LabelRequirement {
  try {
    return readRequirement(reader);
  } catch (err) {
    if (err instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${err.message}`);
    throw err;
  }
}

function readRequirement(reader: TokenReader): LabelRequirement {
  let token = reader.next();
  const negated = token.type === "!";
  if (negated) token = reader.next();
  if (token.type !== "ident") throw new SelectorError(`found '${token.text}', expected: identifier`);
  const key = validateLabelKey(token.text);
  if (negated) return { key, operator: "!", values: [] };
  const lookahead = reader.peek();
  if (lookahead.type === "end" || lookahead.type === ",") return { key, operator: "exists", values: [] };

  const op = reader.next(false);
  switch (op.type) {
    case "in":
    case "notin":
      return { key, operator: op.type, values: validateValues(key, readValueSet(reader)) };
    case "=":
    case "==":
    case "!=":
      return { key, operator: op.type, values: validateValues(key, [readExactValue(reader)]) };
    case ">":
    case "<": {
      const value = readExactValue(reader);
      if (!/^[+-]?\d+$/.test(value)) throw new SelectorError(`values[0][${key}]: Invalid value: ${JSON.stringify(value)}: for 'Gt', 'Lt' operators, the value must be an integer`);
      return { key, operator: op.type === ">" ? "gt" : "lt", values: validateValues(key, [value]) };
    }
    default:
      throw new SelectorError(`found '${op.text}', expected: in, notin, =, ==, !=, gt, lt`);
  }
}

/** The value after `=`, `==`, `!=`, `>` or `<`; nothing before `,` or the end means "". */
function readExactValue(reader: TokenReader): string {
  const next = reader.peek();
  if (next.type === "end" || next.type === ",") return "";
  const token = reader.next();
  if (token.type !== "ident") throw new SelectorError(`found '${token.text}', expected: identifier`);
  return token.text;
}

/** `(a,b)`; as in Kubernetes, empty entries (`()`, `(a,)`) stand for the empty value. Sorted, no duplicates. */
function readValueSet(reader: TokenReader): string[] {
  const open = reader.next();
  if (open.type !== "(") throw new SelectorError(`found '${open.text}' expected: '('`);
  const values = new Set<string>();
  let expectValue = true;
  for (;;) {
    const token = reader.next();
    if (token.type === ")") {
      if (expectValue) values.add("");
      return [...values].sort();
    }
    if (token.type === "ident" && expectValue) {
      values.add(token.text);
      expectValue = false;
    } else if (token.type === ",") {
      if (expectValue) values.add("");
      expectValue = true;
    } else {
      throw new SelectorError(`found '${token.text}', expected: ',', ')' or identifier`);
    }
  }
}

// Label syntax from k8s.io/apimachinery/pkg/util/validation: a name part, optionally behind a
// DNS-subdomain prefix and "/"; values are name parts or empty.
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_RULE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function validateLabelKey(key: string): string {
  const slash = key.indexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const invalid = (why: string) => new SelectorError(`key: Invalid value: ${JSON.stringify(key)}: ${why}`);
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    throw invalid("prefix part must be a lowercase RFC 1123 subdomain");
  }
  if (name.length > 63) throw invalid("name part must be no more than 63 characters");
  if (!NAME_PART.test(name)) throw invalid(`name part ${NAME_RULE}`);
  return key;
}

function validateValues(key: string, values: string[]): string[] {
  values.forEach((value, i) => {
    const invalid = (why: string) => new SelectorError(`values[${i}][${key}]: Invalid value: ${JSON.stringify(value)}: ${why}`);
    if (value.length > 63) throw invalid("must be no more than 63 characters");
    if (value !== "" && !NAME_PART.test(value)) throw invalid(`a valid label must be an empty string or ${NAME_RULE}`);
  });
  return values;
}

/** True when every requirement holds; `!=`, `notin` and `!` hold when the label is absent, as in Kubernetes. */
export function matchesLabels(labels: Record<string, string> | undefined, reqs: LabelRequirement[]): boolean {
  return reqs.every((r) => matchesRequirement(labels ?? {}, r));
}

function matchesRequirement(labels: Record<string, string>, r: LabelRequirement): boolean {
  const present = Object.hasOwn(labels, r.key);
  const value = present ? labels[r.key] : undefined;
  switch (r.operator) {
    case "=":
    case "==":
    case "in":
      return value !== undefined && r.values.includes(value);
    case "!=":
    case "notin":
      return value === undefined || !r.values.includes(value);
    case "exists":
      return present;
    case "!":
      return !present;
    case "gt":
    case "lt": {
      // A label that is not an integer never matches, as in Kubernetes.
      if (value === undefined || !/^[+-]?\d+$/.test(value)) return false;
      const diff = Number(value) - Number(r.values[0]);
      return r.operator === "gt" ? diff > 0 : diff < 0;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Field selectors

export type FieldRequirement = { field: string; operator: "=" | "==" | "!="; value: string };

// Checked in this order at each position, so `a!=b` is "!=" and `a==b` is "==", as in Kubernetes.
const FIELD_OPERATORS = ["!=", "==", "="] as const;

/**
 * Parses `metadata.name=x,spec.nodeName!=node-1`. Values may escape `\,`, `\=` and `\\`. A field not
 * in `supported` (see fieldSelectorFields) is refused like the API server does. Nothing is trimmed:
 * Kubernetes does not trim either.
 */
export function parseFieldSelector(s: string, supported: readonly string[]): FieldRequirement[] {
  const requirements: FieldRequirement[] = [];
  for (const term of splitUnescaped(s)) {
    if (term === "") continue;
    const parsed = splitTerm(term);
    if (!parsed) throw new SelectorError(`invalid selector: '${s}'; can't understand '${term}'`);
    const value = unescapeFieldValue(parsed.rhs);
    if (!supported.includes(parsed.field)) throw new SelectorError(`field label not supported: ${parsed.field}`);
    requirements.push({ field: parsed.field, operator: parsed.operator, value });
  }
  return requirements;
}

/** Splits on commas that are not escaped with a backslash; escapes are kept for unescapeFieldValue. */
function splitUnescaped(s: string): string[] {
  if (s === "") return [];
  const terms: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === ",") {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

/** The first operator in the term splits it; field names cannot contain escapes. */
function splitTerm(term: string): { field: string; operator: FieldRequirement["operator"]; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    const operator = FIELD_OPERATORS.find((op) => term.startsWith(op, i));
    if (operator) return { field: term.slice(0, i), operator, rhs: term.slice(i + operator.length) };
  }
  return undefined;
}

function unescapeFieldValue(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] ?? "";
    if (ch === "\\") {
      const escaped = raw[i + 1];
      if (escaped !== "\\" && escaped !== "," && escaped !== "=") throw new SelectorError(`invalid field selector: invalid escape sequence: \\${escaped ?? ""}`);
      out += escaped;
      i++;
    } else if (ch === "," || ch === "=") {
      throw new SelectorError(`invalid field selector: unescaped character: ${ch}`);
    } else out += ch;
  }
  return out;
}

// Fields whose selector value is not simply the value at that path (pkg/registry/core/*/strategy.go).
const FIELD_READERS: Record<string, (obj: unknown) => string> = {
  // An unset spec.unschedulable is false, and `spec.unschedulable=false` must select those nodes.
  "spec.unschedulable": (obj) => readPath(obj, "spec.unschedulable") || "false",
  // An Event's "source" is source.component, or the reporting component for events.k8s.io-style events.
  source: (obj) => readPath(obj, "source.component") || readPath(obj, "reportingComponent"),
};

/** True when every requirement holds for `obj`; a field path that is missing reads as "". */
export function matchesFields(obj: unknown, reqs: FieldRequirement[]): boolean {
  return reqs.every((r) => {
    const value = Object.hasOwn(FIELD_READERS, r.field) ? (FIELD_READERS[r.field]?.(obj) ?? "") : readPath(obj, r.field);
    return r.operator === "!=" ? value !== r.value : value === r.value;
  });
}

/** Reads a dotted path as a selector string: strings as-is, numbers and booleans printed, anything else "". */
function readPath(obj: unknown, path: string): string {
  let current: unknown = obj;
  for (const key of path.split(".")) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, key)) return "";
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === "string") return current;
  return typeof current === "number" || typeof current === "boolean" ? String(current) : "";
}

const COMMON_FIELDS = ["metadata.name", "metadata.namespace"] as const;

const RESOURCE_FIELDS = new Map<string, readonly string[]>([
  ["pods", ["spec.nodeName", "status.phase", "status.podIP"]],
  [
    "events",
    [
      "involvedObject.kind",
      "involvedObject.namespace",
      "involvedObject.name",
      "involvedObject.uid",
      "involvedObject.apiVersion",
      "involvedObject.resourceVersion",
      "involvedObject.fieldPath",
      "reason",
      "reportingComponent",
      "source",
      "type",
    ],
  ],
  ["nodes", ["spec.unschedulable"]],
  ["secrets", ["type"]],
]);

/** The fields a `fieldSelector` may name for a resource, given by its plural name as in URLs ("pods"). */
export function fieldSelectorFields(resource: string): readonly string[] {
  return [...COMMON_FIELDS, ...(RESOURCE_FIELDS.get(resource) ?? [])];
}
