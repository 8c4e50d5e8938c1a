import "server-only";
import { Redis } from "ioredis";
import { withTimeout } from "../timeout";

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
  redis.on("error", () => undefined); // reported through the promise below
  try {
    return await withTimeout(
      "Redis",
      options.timeoutMs,
      async () => {
        await redis.connect();
        const reply = await redis.ping();
        return { detail: `PING → ${reply}` };
      },
      () => redis.disconnect(),
    );
  } finally {
    redis.disconnect();
  }
}
