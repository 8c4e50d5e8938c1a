import { z } from "zod";
import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { withStore } from "@/lib/db/store";
import { listRuns } from "@/lib/runbooks/runs";

export const dynamic = "force-dynamic";

const query = z
  .object({
    status: z.enum(["in_progress", "resolved", "escalated", "abandoned"]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

// GET /api/runs[?status=&limit=] – runs, newest first
export const GET = withRoute(
  async ({ req }) => {
    const q = parseQuery(req, query);
    return { runs: await withStore((store) => listRuns(store, q)) };
  },
  { permission: "runbooks.read" },
);
