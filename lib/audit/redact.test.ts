import { describe, expect, it } from "vitest";
import { canonicalJson } from "./hash";
import { REDACTED, redact } from "./redact";

describe("redact", () => {
  it("replaces secret-looking keys at any depth", () => {
    expect(
      redact({
        email: "a@b.c",
        password: "p",
        newPassword: "p",
        clientSecret: "s",
        headers: { Authorization: "Bearer x", cookie: "c" },
        items: [{ api_key: "k", name: "n" }],
        token: { nested: true },
      }),
    ).toEqual({
      email: "a@b.c",
      password: REDACTED,
      newPassword: REDACTED,
      clientSecret: REDACTED,
      headers: { Authorization: REDACTED, cookie: REDACTED },
      items: [{ api_key: REDACTED, name: "n" }],
      token: REDACTED,
    });
  });

  it("masks passwords inside connection URLs but keeps the rest", () => {
    expect(redact("postgres://app:s3cr3t@db:5432/phoenix")).toBe(`postgres://app:${REDACTED}@db:5432/phoenix`);
    expect(redact("redis://:pw@cache:6379")).toBe(`redis://:${REDACTED}@cache:6379`);
    expect(redact("http://api.phoenix.io/health")).toBe("http://api.phoenix.io/health");
    expect(redact("postgres://app:p/w@d@db:5432/phoenix")).toBe(`postgres://app:${REDACTED}@db:5432/phoenix`);
    expect(redact("postgresql://db/phoenix?user=app&password=s3cr3t&sslmode=require")).toBe(
      `postgresql://db/phoenix?user=app&password=${REDACTED}&sslmode=require`,
    );
    expect(redact("restarted via postgres://a:b@h/db, see log")).toBe(`restarted via postgres://a:${REDACTED}@h/db, see log`);
  });

  it("leaves ordinary values alone", () => {
    expect(redact({ replicas: 5, note: "scaled", ok: true, none: null })).toEqual({ replicas: 5, note: "scaled", ok: true, none: null });
  });
});

describe("canonicalJson", () => {
  it("is independent of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});
