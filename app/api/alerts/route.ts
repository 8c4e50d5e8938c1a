import { withRoute } from "@/lib/api/with-route";
import { env } from "@/lib/env";
import { fetchAlerts } from "@/lib/ops/prometheus/alerts";

export const dynamic = "force-dynamic";

// GET /api/alerts – firing and pending alerts from PROMETHEUS_URL, or configured: false
export const GET = withRoute(
  async () => {
    const baseUrl = env().PROMETHEUS_URL;
    if (!baseUrl) return { configured: false, alerts: [] };
    return { configured: true, alerts: await fetchAlerts({ baseUrl, timeoutMs: env().HEALTH_TIMEOUT_MS }) };
  },
  { permission: "health.read" },
);
