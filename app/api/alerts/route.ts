import { withRoute } from "@/lib/api/with-route";
import { env } from "@/lib/env";
import { fetchAlertmanagerAlerts, fetchAlerts } from "@/lib/ops/prometheus/alerts";

export const dynamic = "force-dynamic";

// GET /api/alerts – active alerts from ALERTMANAGER_URL when set, else firing and pending ones
// from PROMETHEUS_URL, or configured: false
export const GET = withRoute(
  async () => {
    const { ALERTMANAGER_URL, PROMETHEUS_URL, HEALTH_TIMEOUT_MS } = env();
    if (ALERTMANAGER_URL) return { configured: true, source: "Alertmanager", alerts: await fetchAlertmanagerAlerts({ baseUrl: ALERTMANAGER_URL, timeoutMs: HEALTH_TIMEOUT_MS }) };
    if (!PROMETHEUS_URL) return { configured: false, source: null, alerts: [] };
    return { configured: true, source: "Prometheus", alerts: await fetchAlerts({ baseUrl: PROMETHEUS_URL, timeoutMs: HEALTH_TIMEOUT_MS }) };
  },
  { permission: "health.read" },
);
