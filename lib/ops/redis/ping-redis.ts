import "server-only";
import { Redis } from "ioredis";
import { AppError } from "@/lib/errors";
import { failureText, withTimeout } from "../timeout";

/** Runbook 1.1's `redis-cli ping`: expects PONG. */
export async function pingRedis(options: { url: string; timeoutMs: number }) {
  const redis = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: options.timeoutMs,
    commandTimeout: options.timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectionName: "phoenix-ops-console-health",
  });
  // ioredis rejects with a bare "Connection is closed."; the reason comes as an error event.
  let cause: unknown;
  redis.on("error", (err) => void (cause ??= err));
  try {
    return await withTimeout(
      "Redis",
      options.timeoutMs,
      async () => {
        try {
          await redis.connect();
          const reply = await redis.ping();
          return { detail: `PING → ${reply}` };
        } catch (err) {
          throw cause ? new AppError("DEPENDENCY_FAILED", failureText(cause), { dependency: "Redis" }) : err;
        }
      },
      () => redis.disconnect(),
    );
  } finally {
    redis.disconnect();
  }
}
