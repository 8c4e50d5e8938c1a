import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { validationError } from "@/lib/errors";
import { withRoute } from "@/lib/api/with-route";
import { actorRef } from "@/lib/auth/session";
import { storeId } from "@/lib/api/params";

const params = z.object({ id: storeId, decision: z.enum(["approve", "reject", "execute"]) });

const body = z.object({ comment: z.string().optional() }).strict();

// POST /api/deployments/:id/approve|reject – {comment}: only a person with the role who did not request it
// POST /api/deployments/:id/execute – {}: the requester or an approver, once approved; answers when it is executing
export const POST = withRoute<{ id: string; decision: string }, typeof body>(
  async ({ params, actor, body }) => {
    const verb = params.decision;
    if (verb !== "execute" && body.comment === undefined) throw validationError([{ path: "comment", message: `required: why you ${verb}` }]);
    const res = await runAction({
      id: `deploy.${verb}`,
      request: { input: verb === "execute" ? { id: params.id } : { id: params.id, comment: body.comment } },
      actor: actorRef(actor),
    });
    if (res.status !== "done") return res;
    return verb === "execute" ? { ...(res.result as object), actionId: res.actionId } : { deployment: res.result, actionId: res.actionId };
  },
  { body, action: (p) => (["approve", "reject", "execute"].includes(p.decision) ? `deploy.${p.decision}` : undefined), params },
);
