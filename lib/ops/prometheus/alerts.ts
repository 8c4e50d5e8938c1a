import "server-only";
// Firing and pending alerts from Prometheus (`GET /api/v1/alerts`), each tied to the runbook
// that handles it: by its runbook_url (…/runbooks/<id>), else by the alert's name.
import { AppError } from "@/lib/errors";
import { withTimeout } from "../timeout";
import { dependencyFetch } from "@/lib/ops/http/credentials";

export type Alert = {
  name: string;
  state: "firing" | "pending";
  severity: string | null;
  summary: string | null;
  description: string | null;
  labels: Record<string, string>;
  activeAt: string | null;
  value: string | null;
  runbookUrl: string | null;
};

type PromAlert = { labels: Record<string, string>; annotations: Record<string, string>; state: string; activeAt?: string; value?: string };

export async function fetchAlerts(options: { baseUrl: string; timeoutMs: number }): Promise<Alert[]> {
  const url = new URL("api/v1/alerts", options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  return withTimeout("Prometheus", options.timeoutMs, async (signal) => {
    const res = await dependencyFetch(url, { signal, cache: "no-store", headers: { accept: "application/json" } });
    if (!res.ok) throw new AppError("DEPENDENCY_FAILED", `Prometheus answered HTTP ${res.status} for ${url.pathname}`, { dependency: "Prometheus" });
    const body = (await res.json()) as { status?: string; data?: { alerts?: PromAlert[] } };
    if (body.status !== "success") throw new AppError("DEPENDENCY_FAILED", `Prometheus answered status "${body.status}"`, { dependency: "Prometheus" });
    return (body.data?.alerts ?? [])
      .filter((a) => a.state === "firing" || a.state === "pending")
      .map((a) => {
        const { alertname, severity, ...labels } = a.labels;
        return {
          name: alertname ?? "(unnamed)",
          state: a.state as Alert["state"],
          severity: severity ?? null,
          summary: a.annotations.summary ?? null,
          description: a.annotations.description ?? null,
          labels,
          activeAt: a.activeAt ?? null,
          value: a.value ?? null,
          runbookUrl: a.annotations.runbook_url ?? null,
        };
      })
      .sort((x, y) => (x.state === y.state ? (x.activeAt ?? "").localeCompare(y.activeAt ?? "") : x.state === "firing" ? -1 : 1));
  });
}

type AmAlert = { labels: Record<string, string>; annotations?: Record<string, string>; startsAt?: string; status?: { state?: string } };

/** Active, unsilenced, uninhibited alerts from Alertmanager's v2 API, in the same shape. */
export async function fetchAlertmanagerAlerts(options: { baseUrl: string; timeoutMs: number }): Promise<Alert[]> {
  const url = new URL("api/v2/alerts", options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  url.search = "active=true&silenced=false&inhibited=false";
  return withTimeout("Alertmanager", options.timeoutMs, async (signal) => {
    const res = await dependencyFetch(url, { signal, cache: "no-store", headers: { accept: "application/json" } });
    if (!res.ok) throw new AppError("DEPENDENCY_FAILED", `Alertmanager answered HTTP ${res.status} for ${url.pathname}`, { dependency: "Alertmanager" });
    const body = (await res.json()) as AmAlert[];
    if (!Array.isArray(body)) throw new AppError("DEPENDENCY_FAILED", "Alertmanager's answer is not a list of alerts", { dependency: "Alertmanager" });
    return body
      .filter((a) => (a.status?.state ?? "active") === "active")
      .map((a) => {
        const { alertname, severity, ...labels } = a.labels;
        return {
          name: alertname ?? "(unnamed)",
          state: "firing" as const,
          severity: severity ?? null,
          summary: a.annotations?.summary ?? null,
          description: a.annotations?.description ?? null,
          labels,
          activeAt: a.startsAt ?? null,
          value: null,
          runbookUrl: a.annotations?.runbook_url ?? null,
        };
      })
      .sort((x, y) => (x.activeAt ?? "").localeCompare(y.activeAt ?? ""));
  });
}
