import "server-only";
import { AppError } from "@/lib/errors";
import { withTimeout } from "../timeout";
import { dependencyFetch } from "@/lib/ops/http/credentials";

export const NOTIFY = "Notification webhook";

/** Posts a Slack-compatible message (`{"text": …}`) to an incoming webhook; a non-2xx answer is an error. */
export async function postWebhook(options: { url: string; text: string; timeoutMs: number }) {
  await withTimeout(NOTIFY, options.timeoutMs, async (signal) => {
    const res = await dependencyFetch(options.url, { method: "POST", signal, headers: { "content-type": "application/json" }, body: JSON.stringify({ text: options.text }) });
    if (!res.ok) throw new AppError("DEPENDENCY_FAILED", `the webhook answered HTTP ${res.status}`, { dependency: NOTIFY });
  });
}
