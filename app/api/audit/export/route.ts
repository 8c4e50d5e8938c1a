import { z } from "zod";
import { exportResponse } from "@/lib/api/export-stream";
import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { auditFilterSchema, iterateAuditEvents } from "@/lib/audit/query-events";
import { withStore } from "@/lib/db/store";

export const dynamic = "force-dynamic";

const exportSchema = auditFilterSchema.extend({ format: z.enum(["csv", "json"]) }).strict();

const COLUMNS = ["seq", "time", "actor", "actorRole", "onBehalfOf", "action", "stage", "target", "outcome", "reason", "error", "actionId", "input", "result", "hash"] as const;

// GET /api/audit/export?format=csv|json – the whole filtered set, streamed
export const GET = withRoute(
  async ({ req }) => {
    const { format, ...filter } = parseQuery(req, exportSchema);
    const rows = await withStore(async (store) => iterateAuditEvents(store, filter));
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return exportResponse({ rows, format, columns: COLUMNS, filename: `phoenix-audit-${stamp}`, readFirst: (read) => withStore(read) });
  },
  { permission: "audit.export" },
);
