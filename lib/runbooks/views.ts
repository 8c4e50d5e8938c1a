import "server-only";
// What the pages and the automation API read: the catalogue entry of a runbook, and a run
// with its definition and the fields each step asks for.
import type { Store } from "@/lib/db/store";
import { askedFields, findRunbook, RUNBOOKS, runbookVersion } from "./catalogue";
import { getRun } from "./runs";
import type { Runbook } from "./types";

export function catalogueEntry(r: Runbook) {
  return {
    id: r.id,
    number: r.number,
    section: r.section,
    title: r.title,
    purpose: r.purpose,
    symptoms: r.symptoms,
    severity: r.severity,
    prerequisites: r.prerequisites,
    authorization: r.authorization ?? null,
    escalation: r.escalation ?? null,
    alerts: r.alerts,
    drillScenario: r.drillScenario ?? null,
    parameters: r.parameters,
    steps: r.steps.map((s) => ({ id: s.id, kind: s.kind, title: s.title })),
    version: runbookVersion(r),
  };
}

export type CatalogueEntry = ReturnType<typeof catalogueEntry>;

export const catalogue = () => RUNBOOKS.map(catalogueEntry);

export async function runWithDefinition(store: Store, id: string) {
  const run = await getRun(store, id);
  const runbook = findRunbook(run.runbookId) ?? null;
  return {
    run,
    runbook,
    asked: Object.fromEntries((runbook?.steps ?? []).map((s) => [s.id, askedFields(s, run.parameters)])),
  };
}

export type RunPayload = Awaited<ReturnType<typeof runWithDefinition>>;
