import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { withRoute } from "@/lib/api/with-route";
import { actorRef } from "@/lib/auth/session";
import { runbookId } from "@/lib/api/params";

const params = z.object({ id: runbookId });

const body = z
  .object({
    parameters: z.record(z.string().max(100), z.string().max(500)).default({}),
    drill: z.boolean().optional(),
    alert: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

// POST /api/runbooks/:id/runs – start a run (the runbook.start action); answers the run
export const POST = withRoute<{ id: string }, typeof body>(
  async ({ params, actor, body }) => {
    const res = await runAction({
      id: "runbook.start",
      request: { input: { runbookId: params.id, ...body } },
      actor: actorRef(actor),
    });
    return res.status === "done" ? { run: res.result, actionId: res.actionId } : res;
  },
  { body, action: "runbook.start", params },
);
