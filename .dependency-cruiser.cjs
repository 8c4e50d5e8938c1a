// Import boundaries (npm run lint): the architecture's rules, checked on every import.
// DESIGN: lib/actions is the one audited path, lib/ops the only code that reaches the
// outside world, client code takes only types from server modules, and nothing is circular.
const fs = require("node:fs");
const path = require("node:path");

/** Modules that start with `import "server-only"`: a client component may import their types only. */
function serverOnlyModules(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated") out.push(...serverOnlyModules(file));
    } else if (/\.tsx?$/.test(entry.name) && /^import "server-only";/m.test(fs.readFileSync(file, "utf8"))) {
      out.push(file.split(path.sep).join("/"));
    }
  }
  return out;
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const serverOnly = serverOnlyModules("lib").map((f) => `^${escape(f)}$`);

const TESTS = ["\\.test\\.tsx?$", "^test/", "^e2e/"];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Import cycles make modules impossible to read or test alone; move the shared part down a layer.",
      from: {},
      to: { circular: true },
    },
    {
      name: "audit-written-only-by-actions",
      severity: "error",
      comment: "Only lib/actions writes the audit log (intent before, outcome after); everything else goes through runAction.",
      from: { pathNot: ["^lib/actions/", "^lib/audit/", "^scripts/bench\\.ts$", ...TESTS] },
      to: { path: "^lib/audit/append-event\\.ts$" },
    },
    {
      name: "ops-knows-nothing-of-http-sessions-or-audit",
      severity: "error",
      comment: "lib/ops reaches the outside world and nothing else: no routes, sessions, store, audit, actions or domain workflows.",
      from: { path: "^lib/ops/", pathNot: TESTS },
      to: { path: ["^app/", "^components/", "^lib/(api|auth|audit|actions|db|deployments|runbooks|queries|tokens|users|health)/", "^next/", "^next-auth"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "workflows-reach-the-world-through-ops",
      severity: "error",
      comment: "Domain workflows (deployments, runbooks, actions) reach clusters, databases and HTTP only through lib/ops.",
      from: { path: "^lib/(deployments|runbooks|actions|audit|auth|tokens|users)/", pathNot: TESTS },
      to: { path: ["^@kubernetes/client-node", "^pg$", "^ioredis$", "^(node:)?(http|https|net|child_process)$", "^undici"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "client-takes-types-from-server-modules",
      severity: "error",
      comment: "Client components and react-query hooks import server modules for their types only.",
      from: { path: ["^components/", "^lib/queries/", "^app/providers\\.tsx$"] },
      to: { path: serverOnly.length ? serverOnly : ["^$"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "sandbox-is-not-the-product",
      severity: "error",
      comment: "The sandbox cluster is for development and tests; the console never imports it.",
      from: { path: ["^app/", "^components/", "^lib/"], pathNot: TESTS },
      to: { path: "^sandbox/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules"] },
    exclude: { path: ["^lib/db/generated/", "^\\.next/", "^node_modules/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], mainFields: ["module", "main", "types", "typings"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
