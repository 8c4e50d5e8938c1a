import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { auditFilterSchema, iterateAuditEvents, type AuditRow } from "@/lib/audit/query-events";
import { getStore } from "@/lib/db/store";
import { parseQuery } from "@/lib/api/parse-query";

export const dynamic = "force-dynamic";

const exportSchema = auditFilterSchema.extend({ format: z.enum(["csv", "json"]) }).strict();

const COLUMNS = ["seq", "time", "actor", "actorRole", "action", "stage", "target", "outcome", "reason", "error", "actionId", "input", "hash"] as const;

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
    const store = await getStore();
    const encoder = new TextEncoder();
    const rows = iterateAuditEvents(store, filter);
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        let first = true;
        controller.enqueue(encoder.encode(format === "csv" ? `${COLUMNS.join(",")}\n` : "["));
        for await (const row of rows) {
          const line =
            format === "csv"
              ? `${COLUMNS.map((c) => csvCell(row[c as keyof AuditRow])).join(",")}\n`
              : `${first ? "" : ","}\n${JSON.stringify(row)}`;
          controller.enqueue(encoder.encode(line));
          first = false;
        }
        if (format === "json") controller.enqueue(encoder.encode("\n]\n"));
        controller.close();
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
