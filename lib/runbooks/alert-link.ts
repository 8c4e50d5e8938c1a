// Which runbook handles an alert, and what a run started from it knows already.
import type { Alert } from "@/lib/ops/prometheus/alerts";
import type { CatalogueEntry } from "./views";

/** By the alert's runbook_url (…/runbooks/<id>), else by a runbook that lists the alert's name. */
export function runbookForAlert<R extends Pick<CatalogueEntry, "id" | "alerts">>(alert: Pick<Alert, "name" | "runbookUrl">, catalogue: R[]): R | null {
  const fromUrl = alert.runbookUrl ? /\/runbooks\/([^/?#]+)/.exec(alert.runbookUrl)?.[1] : undefined;
  return catalogue.find((r) => r.id === fromUrl) ?? catalogue.find((r) => r.alerts.includes(alert.name)) ?? null;
}

/** Parameters prefilled from the alert's labels (a `node` label fills the `node` parameter, and so on). */
export function parametersFromAlert(alert: Pick<Alert, "labels">, runbook: Pick<CatalogueEntry, "parameters">): Record<string, string> {
  return Object.fromEntries(runbook.parameters.flatMap((p) => (alert.labels[p.name] ? [[p.name, alert.labels[p.name]!]] : [])));
}
