import { actionRequestSchema, runAction } from "@/lib/actions/run-action";
import { withRoute } from "@/lib/api/with-route";

// POST /api/actions/:id – run an audited action (destructive ones answer a preview until confirmed)
export const POST = withRoute<{ id: string }, typeof actionRequestSchema>(
  async ({ params, actor, body }) =>
    runAction({ id: params.id, request: body, actor: { id: actor.id, email: actor.email, role: actor.role, via: "web" } }),
  { body: actionRequestSchema },
);
