import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const problems = (source: Record<string, string>) => {
  try {
    parseEnv(source);
    return [];
  } catch (err) {
    if (err instanceof EnvError) return err.problems;
    throw err;
  }
};

describe("configuration", () => {
  it("runs on embedded defaults in development with demo users", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({ NODE_ENV: "development", phoenixEnv: "development", demoUsers: true, DATA_DIR: ".data", HEALTH_TIMEOUT_MS: 2000 });
    expect(e.DATABASE_URL).toBeUndefined();
  });

  it("refuses production without a secret and with demo users, naming both", () => {
    const p = problems({ NODE_ENV: "production", DEMO_USERS: "true" });
    expect(p).toEqual(
      expect.arrayContaining([expect.stringMatching(/^NEXTAUTH_SECRET/), expect.stringMatching(/^NEXTAUTH_URL: required/), expect.stringMatching(/^DEMO_USERS/)]),
    );
  });

  it("turns demo users off by default in production", () => {
    const e = parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32), NEXTAUTH_URL: "https://ops.phoenix.io", AUDIT_SIGNING_KEY: "k".repeat(32) });
    expect(e.demoUsers).toBe(false);
    expect(e.secureCookies).toBe(true);
  });

  it("refuses an http:// public URL in production unless opted in", () => {
    const base = { NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32), AUDIT_SIGNING_KEY: "k".repeat(32) };
    expect(problems({ ...base, NEXTAUTH_URL: "http://ops.phoenix.io" })).toEqual([expect.stringMatching(/^NEXTAUTH_URL: an http:\/\//)]);
    expect(problems({ ...base, NEXTAUTH_URL: "http://ops.phoenix.io", PHOENIX_ALLOW_INSECURE_HTTP: "true" })).toEqual([]);
    // Having opted in to http, cookies must not be Secure or the browser would drop them.
    expect(parseEnv({ ...base, NEXTAUTH_URL: "http://ops.phoenix.io", PHOENIX_ALLOW_INSECURE_HTTP: "true" }).secureCookies).toBe(false);
    expect(parseEnv({ ...base, NEXTAUTH_URL: "http://localhost:3000" }).secureCookies).toBe(true);
    expect(problems({ ...base, NEXTAUTH_URL: "http://localhost:3000" })).toEqual([]);
    expect(problems({ ...base, NEXTAUTH_URL: "https://ops.phoenix.io" })).toEqual([]);
  });

  it("refuses production without an audit signing key the database does not hold", () => {
    const base = { NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32), NEXTAUTH_URL: "https://ops.phoenix.io" };
    expect(problems(base)).toEqual([expect.stringMatching(/^AUDIT_SIGNING_KEY: required in production/)]);
    expect(problems({ ...base, PHOENIX_ENV: "production", AUDIT_SIGNING_KEY: "short" })).toEqual([expect.stringMatching(/^AUDIT_SIGNING_KEY: must be at least 32 characters/)]);
    // Staging (the e2e run: NODE_ENV=production, PHOENIX_ENV=staging) may use a generated key.
    expect(problems({ ...base, PHOENIX_ENV: "staging" })).toEqual([]);
    const e = parseEnv({ ...base, AUDIT_SIGNING_KEY: "k".repeat(32), DATA_DIR: "/var/lib/phoenix" });
    expect(e).toMatchObject({ AUDIT_CHECKPOINT_EVERY: 100, AUDIT_CHECKPOINT_MINUTES: 5, auditAnchorDir: "/var/lib/phoenix/audit-anchors" });
    expect(problems({ AUDIT_CHECKPOINT_EVERY: "0" })).toEqual([expect.stringMatching(/^AUDIT_CHECKPOINT_EVERY:/)]);
  });

  it("names malformed values", () => {
    const p = problems({ PHOENIX_REDIS_URL: "localhost:6379", HEALTH_TIMEOUT_MS: "soon", PHOENIX_ENV: "qa" });
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PHOENIX_REDIS_URL: must be a URL starting with redis:\/\//),
        expect.stringMatching(/^HEALTH_TIMEOUT_MS:/),
        expect.stringMatching(/^PHOENIX_ENV:/),
      ]),
    );
  });

  it("reads TRUST_PROXY as a number of proxies", () => {
    expect([undefined, "", "false", "true", "2"].map((v) => parseEnv(v === undefined ? {} : { TRUST_PROXY: v }).TRUST_PROXY)).toEqual([0, 0, 0, 1, 2]);
    expect(problems({ TRUST_PROXY: "yes please" })).toEqual([expect.stringMatching(/^TRUST_PROXY: true, false, or the number of proxies/)]);
  });

  it("wants all three OIDC settings or none", () => {
    expect(problems({ OIDC_ISSUER: "https://id.example.com" })).toEqual([expect.stringMatching(/OIDC_CLIENT_ID/)]);
    expect(parseEnv({ OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" }).oidcEnabled).toBe(true);
  });

  it("treats empty strings as unset", () => {
    const e = parseEnv({ PROMETHEUS_URL: "", DATABASE_URL: "", PHOENIX_ENV: "", DEMO_USERS: " ", NEXTAUTH_SECRET: "" });
    expect(e.PROMETHEUS_URL).toBeUndefined();
    expect(e.demoUsers).toBe(true);
  });

  it("reads the JSON settings (environments with smoke checks, the service map), naming what is wrong", () => {
    const e = parseEnv({ DEPLOY_ENVIRONMENTS: JSON.stringify({ qa: { namespace: "phoenix-qa", approvers: ["lead", "admin"], smoke: [{ name: "health", url: "https://qa.example/health", status: 200 }] } }) });
    expect(e.DEPLOY_ENVIRONMENTS).toEqual({ qa: { namespace: "phoenix-qa", approvers: ["lead", "admin"], smoke: [{ name: "health", url: "https://qa.example/health", status: 200 }] } });
    expect(parseEnv({}).DEPLOY_ENVIRONMENTS.production).toEqual({ namespace: "phoenix-system", approvers: ["lead"] });
    expect(problems({ SERVICE_MAP: "{api:" })).toEqual(['SERVICE_MAP: must be JSON: {"api":{"namespace":…,"deployment":…,"container":…,"image":…}}']);
    expect(problems({ DEPLOY_ENVIRONMENTS: JSON.stringify({ prod: { namespace: "phoenix-system", approvers: ["sre"] } }) })).toEqual([expect.stringMatching(/^DEPLOY_ENVIRONMENTS\.prod\.approvers\.0: /)]);
  });
});
