// A run's timeline as Markdown, for the post-incident review: what was offered, what was
// done by whom and when, with the time since the start.
import type { RunView } from "./runs";
import type { Runbook } from "./types";

const cell = (s: string | null | undefined) => (s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");

export function elapsed(fromIso: string, toIso: string): string {
  const s = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h ${m}m ${s % 60}s` : m ? `${m}m ${s % 60}s` : `${s}s`;
}

export function timelineMarkdown(run: RunView, runbook: Runbook | null): string {
  const title = (id: string) => runbook?.steps.find((s) => s.id === id)?.title ?? id;
  const kind = (id: string) => runbook?.steps.find((s) => s.id === id)?.kind ?? "?";
  const lines = [
    `# ${run.title}${run.drill ? " (drill)" : ""}`,
    "",
    `- Run: ${run.id}`,
    `- Status: ${run.status.replace("_", " ")}${run.severity ? ` · severity ${run.severity}` : ""}`,
    `- Started by ${run.startedBy} at ${run.startedAt}${run.endedAt ? `; ended at ${run.endedAt} (${elapsed(run.startedAt, run.endedAt)})` : ""}`,
    ...(run.escalatedAt ? [`- Escalated at ${run.escalatedAt} (${elapsed(run.startedAt, run.escalatedAt)} after the start)`] : []),
    ...(Object.keys(run.parameters).length ? [`- Parameters: ${Object.entries(run.parameters).map(([k, v]) => `${k}=${v}`).join(", ")}`] : []),
    `- Runbook ${run.runbookId}, version ${run.runbookVersion}${run.currentVersion ? "" : " (the catalogue has changed since)"}`,
    ...(run.alert ? [`- Alert: ${JSON.stringify(run.alert)}`] : []),
    "",
    "## Steps",
    "",
    "| # | Step | Kind | State | By | Finished | Time from start | Note |",
    "|---|---|---|---|---|---|---|---|",
    ...run.steps.map((s, i) =>
      `| ${i + 1} | ${cell(title(s.stepId))} | ${kind(s.stepId)} | ${s.state}${s.attempts > 1 ? ` (${s.attempts} attempts)` : ""} | ${cell(s.actor)} | ${s.finishedAt ?? ""} | ${s.finishedAt ? elapsed(run.startedAt, s.finishedAt) : ""} | ${cell(s.note ?? s.error)} |`,
    ),
    "",
    "## Timeline",
    "",
    "| Time (UTC) | From start | Who | What |",
    "|---|---|---|---|",
    ...run.events.map((e) => `| ${e.at} | ${elapsed(run.startedAt, e.at)} | ${cell(e.actor)} | ${cell(e.message)} |`),
    "",
  ];
  return lines.join("\n");
}
