// The project's alert rules, checked and unit-tested by Prometheus's own promtool (Debian's
// prometheus package): syntax, and each alert firing on the series the sandbox's scenarios produce.
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = path.resolve("prometheus");
const promtool = (args: string[]) =>
  new Promise<{ code: number; out: string }>((resolve) =>
    execFile("promtool", args, { cwd: dir }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr })),
  );

describe("Prometheus alert rules (prometheus/phoenix-alerts.yml)", () => {
  it("are valid", async () => {
    const r = await promtool(["check", "rules", "phoenix-alerts.yml"]);
    expect(r.out).toContain("SUCCESS: 4 rules found");
    expect(r.code).toBe(0);
  });

  it("fire on the scenarios' series with their runbook links, and stay quiet otherwise (promtool test rules)", async () => {
    const r = await promtool(["test", "rules", "phoenix-alerts.test.yml"]);
    expect(r.out, r.out).toContain("SUCCESS");
    expect(r.code).toBe(0);
  });
});
