import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("safeCallbackPath", () => {
  it("keeps paths on this console", () => {
    expect(safeCallbackPath("/audit?outcome=ok#top")).toBe("/audit?outcome=ok#top");
    expect(safeCallbackPath("/users")).toBe("/users");
  });

  it.each(["https://evil.com", "//evil.com", "/\\evil.com", "/\t/evil.com", "\\\\evil.com", "javascript:alert(1)", "", undefined, "/%2F%2Fevil.com/../"])(
    "sends %j home",
    (raw) => {
      const out = safeCallbackPath(raw);
      expect(new URL(out, "http://console.invalid").origin).toBe("http://console.invalid");
      expect(out.startsWith("//")).toBe(false);
    },
  );

  it("refuses backslash and control-character tricks outright", () => {
    expect(safeCallbackPath("/\\evil.com")).toBe("/");
    expect(safeCallbackPath("/\t/evil.com")).toBe("/");
  });
});
