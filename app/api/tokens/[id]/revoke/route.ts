import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { withRoute } from "@/lib/api/with-route";
import { actorRef } from "@/lib/auth/session";
import { storeId } from "@/lib/api/params";

const params = z.object({ id: storeId });

const body = z.object({}).strict();

// POST /api/tokens/:id/revoke – {}: refuse the token from now on
export const POST = withRoute<{ id: string }, typeof body>(
  async ({ params, actor }) => {
    const res = await runAction({ id: "tokens.revoke", request: { input: { id: params.id } }, actor: actorRef(actor) });
    return res.status === "done" ? { token: res.result, actionId: res.actionId } : res;
  },
  { body, action: "tokens.revoke", params },
);
