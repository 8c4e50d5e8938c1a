import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { withStore } from "@/lib/db/store";
import { timelineMarkdown } from "@/lib/runbooks/timeline";
import { runWithDefinition } from "@/lib/runbooks/views";
import { storeId } from "@/lib/api/params";

const params = z.object({ id: storeId });

export const dynamic = "force-dynamic";

// GET /api/runs/:id/timeline – the run's steps and timeline as Markdown (a download)
export const GET = withRoute<{ id: string }>(
  async ({ params }) => {
    const { run, runbook } = await withStore((store) => runWithDefinition(store, params.id));
    const name = `${run.runbookId}-${run.startedAt.slice(0, 16).replace(/[:T]/g, "")}.md`;
    return new Response(timelineMarkdown(run, runbook), {
      headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
    });
  },
  { permission: "runbooks.read", params },
);
