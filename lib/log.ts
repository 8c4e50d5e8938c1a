import pino from "pino";
import { redactJsonText } from "@/lib/redact-text";

const g = globalThis as unknown as { __phoenixLog?: pino.Logger };

/**
 * A structured logger (JSON lines). Secret keys are censored by path, and URL credentials or
 * secret query parameters are masked wherever they appear in the line (a message, an error's
 * text, a nested value), since dependency errors quote the URL they failed on.
 */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level: process.env.LOG_LEVEL ?? "info",
    base: { service: "phoenix-ops-console" },
    redact: { paths: ["*.password", "*.secret", "*.token", "*.authorization"], censor: "[REDACTED]" },
    hooks: { streamWrite: redactJsonText },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Structured server log. Never sent to the browser. */
export const log: pino.Logger = (g.__phoenixLog ??= createLogger());
