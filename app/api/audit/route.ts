import { withRoute } from "@/lib/api/with-route";
import { auditPageSchema, listAuditEvents } from "@/lib/audit/query-events";
import { withStore } from "@/lib/db/store";
import { parseQuery } from "@/lib/api/parse-query";

export const dynamic = "force-dynamic";

// GET /api/audit – one page of events, newest first; ?cursor= for the next page
export const GET = withRoute(
  async ({ req }) => {
    const { cursor, limit, ...filter } = parseQuery(req, auditPageSchema);
    return withStore((store) => listAuditEvents(store, filter, { cursor, limit }));
  },
  { permission: "audit.read" },
);
