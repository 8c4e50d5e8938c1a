import pino from "pino";

const g = globalThis as unknown as { __phoenixLog?: pino.Logger };

/** Structured server log (JSON lines). Never sent to the browser. */
export const log: pino.Logger = (g.__phoenixLog ??= pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "phoenix-ops-console" },
  redact: { paths: ["*.password", "*.secret", "*.token", "*.authorization"], censor: "[REDACTED]" },
}));
