import { z } from "zod";
import { stepOpSchema } from "@/lib/actions/runbook-actions";
import { runAction } from "@/lib/actions/run-action";
import { withRoute } from "@/lib/api/with-route";
import { withStore } from "@/lib/db/store";
import { getRun } from "@/lib/runbooks/runs";
import { runStepAction } from "@/lib/runbooks/step-action";
import { actorRef } from "@/lib/auth/session";
import { storeId, stepId } from "@/lib/api/params";

const params = z.object({ id: storeId, stepId });

const actionOp = z
  .object({
    op: z.literal("action"),
    answers: z.record(z.string(), z.union([z.string().max(500), z.number()])).optional(),
    confirm: z.boolean().optional(),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict();
const body = z.union([actionOp, stepOpSchema]);

// POST /api/runs/:id/steps/:stepId – work a step: {op:"check"|"complete"|"skip"|"decide"|"note"|"action", …}
export const POST = withRoute<{ id: string; stepId: string }, typeof body>(
  async ({ params, actor, body }) => {
    const who = actorRef(actor);
    if (body.op === "action") {
      return withStore((store) => runStepAction({ store, runId: params.id, stepId: params.stepId, actor: who, request: body }));
    }
    const run = await withStore((store) => getRun(store, params.id));
    const res = await runAction({
      id: "runbook.step",
      request: { input: { runId: params.id, stepId: params.stepId, step: body } },
      actor: who,
      context: { runbookRun: run.id, step: params.stepId, drill: run.drill },
    });
    return res;
  },
  { body, action: "runbook.step", params },
);
