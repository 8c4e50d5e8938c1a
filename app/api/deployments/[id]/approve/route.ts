import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { withRoute } from "@/lib/api/with-route";

const body = z.object({ comment: z.string() }).strict();

// POST /api/deployments/:id/approve – {comment}; only a person with the role who did not request it
export const POST = withRoute<{ id: string }, typeof body>(
  async ({ params, actor, body }) => {
    const res = await runAction({ id: "deploy.approve", request: { input: { id: params.id, comment: body.comment } }, actor: { id: actor.id, email: actor.email, role: actor.role, via: "web" } });
    return res.status === "done" ? { deployment: res.result, actionId: res.actionId } : res;
  },
  { body },
);
