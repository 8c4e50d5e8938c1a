// Validated configuration. Read once; every problem is reported at boot in one message.
import path from "node:path";
import { z } from "zod";

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(`${p}://`)), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(" or ")}`,
    });

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .optional()
  .transform((v) => (v === undefined ? undefined : ["true", "1", "yes"].includes(v)));

const intMs = (fallback: number) =>
  z.coerce.number().int().min(50).max(600_000).optional().transform((v) => v ?? fallback);

const serviceMapSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*$/),
  z
    .object({
      namespace: z.string().min(1),
      deployment: z.string().min(1),
      container: z.string().min(1),
      image: z.string().min(1),
    })
    .strict(),
);

const smokeCheckSchema = z
  .object({
    name: z.string().min(1).max(100),
    url: z.string().regex(/^https?:\/\//, "must be an http(s) URL"),
    /** The status expected (default: any 2xx). */
    status: z.number().int().min(100).max(599).optional(),
    /** Text the body must contain; "{version}" stands for the version deployed. */
    contains: z.string().min(1).max(500).optional(),
    /** The answer must say the Phoenix gateway is healthy, by the same rule as the health panel (JSON status "ok"). */
    gateway: z.boolean().optional(),
  })
  .strict();

export type SmokeCheck = z.infer<typeof smokeCheckSchema>;

const deployEnvironmentsSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*$/),
  z
    .object({
      namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
      approvers: z.array(z.enum(["lead", "admin"])).min(1).max(4),
      /** HTTP checks after the rollout; default: API_GATEWAY_URL's /health answers "status":"ok". */
      smoke: z.array(smokeCheckSchema).min(1).max(20).optional(),
    })
    .strict(),
);

/** Runbook 3.1's environments: staging and production, each a namespace and who must approve (one lead by default). */
export const DEFAULT_DEPLOY_ENVIRONMENTS: z.infer<typeof deployEnvironmentsSchema> = {
  staging: { namespace: "phoenix-staging", approvers: ["lead"] },
  production: { namespace: "phoenix-system", approvers: ["lead"] },
};

/** The seed calls services api/controller/generator (1.1, 3.1) and phoenix-api/… (2.x): one map joins them. */
export const DEFAULT_SERVICE_MAP: z.infer<typeof serviceMapSchema> = {
  api: { namespace: "phoenix-system", deployment: "phoenix-api", container: "api", image: "ghcr.io/phoenix/platform/api" },
  controller: { namespace: "phoenix-system", deployment: "experiment-controller", container: "controller", image: "ghcr.io/phoenix/platform/controller" },
  generator: { namespace: "phoenix-system", deployment: "config-generator", container: "generator", image: "ghcr.io/phoenix/platform/generator" },
};

/** A setting given as JSON: its default when unset, "must be JSON: <example>" when it does not parse, then the schema. */
function jsonSetting<S extends z.ZodType>(inner: S, fallback: z.output<S>, example: string) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return fallback as unknown;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: `must be JSON: ${example}` });
        return z.NEVER;
      }
    })
    .pipe(inner);
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PHOENIX_ENV: z.enum(["development", "staging", "production"]).optional(),
  DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
  DATA_DIR: z.string().trim().min(1).default(".data"),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  NEXTAUTH_URL: optionalUrl(["http", "https"]),
  PHOENIX_ALLOW_INSECURE_HTTP: bool,
  /** How many proxies in front of the console append to X-Forwarded-For (true = 1); unset: none, the socket's address counts. */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(true|false|[0-9])?$/, "true, false, or the number of proxies in front of the console (0-9)")
    .optional()
    .transform((v) => (!v || v === "false" ? 0 : v === "true" ? 1 : Number(v))),
  DEMO_USERS: bool,
  DEMO_PASSWORD: z.string().min(1).default("demo"),
  API_GATEWAY_URL: optionalUrl(["http", "https"]),
  PHOENIX_DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
  PHOENIX_REDIS_URL: optionalUrl(["redis", "rediss"]),
  PROMETHEUS_URL: optionalUrl(["http", "https"]),
  /** When set, the Overview's alerts come from Alertmanager (`/api/v2/alerts`) instead of Prometheus. */
  ALERTMANAGER_URL: optionalUrl(["http", "https"]),
  /** Slack-compatible incoming webhook: escalations (and later deployments) post `{"text": …}` here. */
  NOTIFY_WEBHOOK_URL: optionalUrl(["http", "https"]),
  HEALTH_TIMEOUT_MS: intMs(2000),
  HEALTH_REFRESH_MS: intMs(10_000),
  ACTION_TIMEOUT_MS: intMs(30_000),
  CLUSTER_NAMESPACES: z
    .string()
    .default("phoenix-system,phoenix-experiments,phoenix-staging,monitoring,ingress-nginx")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be namespace names separated by commas")).min(1)),
  SERVICE_MAP: jsonSetting(serviceMapSchema, DEFAULT_SERVICE_MAP, '{"api":{"namespace":…,"deployment":…,"container":…,"image":…}}'),
  DEPLOY_ENVIRONMENTS: jsonSetting(deployEnvironmentsSchema, DEFAULT_DEPLOY_ENVIRONMENTS, '{"production":{"namespace":"phoenix-system","approvers":["lead","admin"]}}'),
  /** When set, "all tests passing in CI" is asked of it (GET, "{version}" replaced; JSON {"state":"success"}) instead of attested. */
  CI_STATUS_URL: optionalUrl(["http", "https"]),
  /** A rollout whose new pods cannot pull their image or keep crashing for this long has failed (before its progress deadline). */
  DEPLOY_STALL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** The longest a deployment waits for one rollout before calling it failed. */
  DEPLOY_ROLLOUT_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(7200).default(900),
  /** Runbook 3.2's "monitor for 5 minutes": a hotfix's single pod is watched this long before scaling back. */
  HOTFIX_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** How long an approval stays valid (minutes). */
  DEPLOY_APPROVAL_TTL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(240),
  OIDC_ISSUER: optionalUrl(["https", "http"]),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
  OIDC_DEFAULT_ROLE: z.enum(["viewer", "sre", "lead", "admin"]).default("viewer"),
  /** Signs the audit chain's checkpoints (HMAC-SHA256); the database never holds it. Development generates one into DATA_DIR. */
  AUDIT_SIGNING_KEY: z.string().trim().min(32, "must be at least 32 characters (e.g. openssl rand -hex 32)").optional(),
  /** A checkpoint is signed after this many events, or AUDIT_CHECKPOINT_MINUTES after the last one, whichever comes first. */
  AUDIT_CHECKPOINT_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(100),
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  /** Where each checkpoint is appended as a JSON line, outside the store (default DATA_DIR/audit-anchors); replicas share it. */
  AUDIT_ANCHOR_DIR: z.string().trim().min(1).optional(),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
});

export type Env = ReturnType<typeof parseEnv>;

const DEV_SECRET = "phoenix-console-development-secret-not-for-production";
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses and checks a set of environment variables; throws EnvError naming every problem. */
export function parseEnv(source: Record<string, string | undefined>) {
  // An empty value (as in a copied .env.example) means "not set".
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = schema.safeParse(set);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = parsed.data;
  const production = raw.NODE_ENV === "production";
  const demoUsers = raw.DEMO_USERS ?? raw.NODE_ENV !== "production";
  const problems: string[] = [];

  if (production) {
    if (!raw.NEXTAUTH_SECRET) problems.push("NEXTAUTH_SECRET: required in production");
    if (!raw.NEXTAUTH_URL) problems.push("NEXTAUTH_URL: required in production (the console's public URL, https://…)");
    if (demoUsers) problems.push("DEMO_USERS: demo users are refused in production; unset it or set it to false");
    if (raw.NEXTAUTH_URL?.startsWith("http://") && !raw.PHOENIX_ALLOW_INSECURE_HTTP) {
      const host = new URL(raw.NEXTAUTH_URL).hostname;
      if (!LOOPBACK.has(host)) {
        problems.push(
          "NEXTAUTH_URL: an http:// public URL sends session cookies in clear; use https:// or set PHOENIX_ALLOW_INSECURE_HTTP=true",
        );
      }
    }
  }
  const phoenixEnv = raw.PHOENIX_ENV ?? (production ? "production" : "development");
  // A generated key would live beside the store it is meant to be kept apart from.
  if (phoenixEnv === "production" && !raw.AUDIT_SIGNING_KEY) {
    problems.push("AUDIT_SIGNING_KEY: required in production (a secret of 32+ characters the database does not hold; it signs the audit checkpoints)");
  }
  const oidcParts = [raw.OIDC_ISSUER, raw.OIDC_CLIENT_ID, raw.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcParts > 0 && oidcParts < 3) {
    problems.push("OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three to enable single sign-on, or none");
  }
  if (problems.length) throw new EnvError(problems);

  // Secure cookies everywhere but development, unless an operator explicitly runs on plain http.
  const insecureByChoice = raw.NEXTAUTH_URL?.startsWith("http://") && raw.PHOENIX_ALLOW_INSECURE_HTTP === true;
  return {
    ...raw,
    production,
    secureCookies: raw.NODE_ENV !== "development" && !insecureByChoice,
    demoUsers,
    phoenixEnv,
    auditAnchorDir: raw.AUDIT_ANCHOR_DIR ?? path.join(raw.DATA_DIR, "audit-anchors"),
    authSecret: raw.NEXTAUTH_SECRET ?? DEV_SECRET,
    oidcEnabled: oidcParts === 3,
  } as const;
}

let cached: Env | undefined;

/** The process's configuration, validated on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
