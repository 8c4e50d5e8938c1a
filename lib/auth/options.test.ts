import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { authOptions } from "./options";

describe("next-auth options", () => {
  it("offers email and password, with HttpOnly SameSite=Lax cookies, Secure outside development", () => {
    const dev = authOptions(parseEnv({ NODE_ENV: "development" }));
    expect(dev.providers.map((p) => p.id)).toEqual(["credentials"]);
    expect(dev.session).toMatchObject({ strategy: "jwt" });
    expect(dev.cookies?.sessionToken?.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });

    const prod = authOptions(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "s".repeat(32), NEXTAUTH_URL: "https://ops.phoenix.io", AUDIT_SIGNING_KEY: "k".repeat(32) }));
    expect(prod.useSecureCookies).toBe(true);
    expect(prod.cookies?.sessionToken).toMatchObject({ name: "__Secure-phoenix.session-token", options: { secure: true } });
  });

  it("adds the OpenID Connect provider when it is configured", () => {
    const o = authOptions(
      parseEnv({ OIDC_ISSUER: "https://id.example.com/realms/ops/", OIDC_CLIENT_ID: "console", OIDC_CLIENT_SECRET: "x", OIDC_NAME: "Example SSO" }),
    );
    const oidc = o.providers.find((p) => p.id === "oidc") as unknown as { name: string; wellKnown: string; checks: string[] };
    expect(oidc).toMatchObject({ name: "Example SSO", wellKnown: "https://id.example.com/realms/ops/.well-known/openid-configuration" });
    expect(oidc.checks).toEqual(["pkce", "state"]);
  });
});
