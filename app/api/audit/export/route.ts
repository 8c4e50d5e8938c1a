import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { auditFilterSchema, iterateAuditEvents, type AuditRow } from "@/lib/audit/query-events";
import { withStore } from "@/lib/db/store";
import { log } from "@/lib/log";
import { parseQuery } from "@/lib/api/parse-query";

export const dynamic = "force-dynamic";

const exportSchema = auditFilterSchema.extend({ format: z.enum(["csv", "json"]) }).strict();

const COLUMNS = ["seq", "time", "actor", "actorRole", "onBehalfOf", "action", "stage", "target", "outcome", "reason", "error", "actionId", "input", "result", "hash"] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // Quote always; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

// GET /api/audit/export?format=csv|json – the whole filtered set, streamed
export const GET = withRoute(
  async ({ req }) => {
    const { format, ...filter } = parseQuery(req, exportSchema);
    const iterator = await withStore(async (store) => iterateAuditEvents(store, filter));
    // Read the first row before answering: a store failure is then a proper error response.
    const first = await withStore(() => iterator.next());
    const encoder = new TextEncoder();
    let pending: IteratorResult<AuditRow> | null = first;
    let count = 0;
    // Pull-based: rows are read only as fast as the client takes them.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(format === "csv" ? `${COLUMNS.join(",")}\n` : "["));
      },
      async pull(controller) {
        try {
          const next = pending ?? (await iterator.next());
          pending = null;
          if (next.done) {
            if (format === "json") controller.enqueue(encoder.encode(count ? "\n]\n" : "]\n"));
            controller.close();
            return;
          }
          const row = next.value;
          controller.enqueue(
            encoder.encode(
              format === "csv"
                ? `${COLUMNS.map((c) => csvCell(row[c as keyof AuditRow])).join(",")}\n`
                : `${count ? "," : ""}\n${JSON.stringify(row)}`,
            ),
          );
          count++;
        } catch (err) {
          // Abort the download rather than end it looking complete.
          log.error({ err: String(err) }, "audit export failed midway");
          controller.error(err);
        }
      },
      cancel() {
        void iterator.return?.(undefined);
      },
    });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return new Response(stream, {
      headers: {
        "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="phoenix-audit-${stamp}.${format}"`,
        "cache-control": "no-store",
      },
    });
  },
  { permission: "audit.export" },
);
