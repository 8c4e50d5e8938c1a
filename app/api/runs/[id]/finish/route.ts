import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { withRoute } from "@/lib/api/with-route";
import { withStore } from "@/lib/db/store";
import { getRun } from "@/lib/runbooks/runs";
import { actorRef } from "@/lib/auth/session";
import { storeId } from "@/lib/api/params";

const params = z.object({ id: storeId });

const body = z.object({ status: z.enum(["resolved", "abandoned"]), note: z.string().trim().min(3).max(2000) }).strict();

// POST /api/runs/:id/finish – resolve or abandon a run, with a note for the timeline
export const POST = withRoute<{ id: string }, typeof body>(
  async ({ params, actor, body }) => {
    const run = await withStore((store) => getRun(store, params.id));
    return runAction({
      id: "runbook.finish",
      request: { input: { runId: params.id, ...body } },
      actor: actorRef(actor),
      context: { runbookRun: run.id, drill: run.drill },
    });
  },
  { body, action: "runbook.finish", params },
);
