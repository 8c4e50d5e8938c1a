import { z } from "zod";
import { actionRequestSchema, runAction } from "@/lib/actions/run-action";
import { withRoute } from "@/lib/api/with-route";
import { actorRef } from "@/lib/auth/session";

const params = z.object({ id: z.string().max(100) });

// POST /api/actions/:id – run an audited action (destructive ones answer a preview until confirmed)
export const POST = withRoute<{ id: string }, typeof actionRequestSchema>(
  async ({ params, actor, body }) =>
    runAction({ id: params.id, request: body, actor: actorRef(actor) }),
  { body: actionRequestSchema, action: (p) => p.id, params },
);
