import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { AppError } from "@/lib/api/errors";
import { withRoute } from "@/lib/api/with-route";

const body = z.object({ comment: z.string() }).strict();

// POST /api/deployments/:id/approve|reject – {comment}; only a person with the role who did not request it
export const POST = withRoute<{ id: string; decision: string }, typeof body>(
  async ({ params, actor, body }) => {
    if (params.decision !== "approve" && params.decision !== "reject") throw new AppError("NOT_FOUND", `No such decision "${params.decision}": approve or reject.`);
    const res = await runAction({
      id: `deploy.${params.decision}`,
      request: { input: { id: params.id, comment: body.comment } },
      actor: { id: actor.id, email: actor.email, role: actor.role, via: "web" },
    });
    return res.status === "done" ? { deployment: res.result, actionId: res.actionId } : res;
  },
  { body },
);
