import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { withRoute } from "@/lib/api/with-route";
import { withStore } from "@/lib/db/store";
import { getDeploymentRequest } from "@/lib/deployments/requests";
import { actorRef } from "@/lib/auth/session";
import { storeId } from "@/lib/api/params";

const params = z.object({ id: storeId });

export const dynamic = "force-dynamic";

const body = z.record(z.string(), z.unknown());

// GET /api/deployments/:id – one request: what it deploys where, its decisions and approval state
export const GET = withRoute<{ id: string }>(async ({ params }) => withStore((store) => getDeploymentRequest(store, params.id)), { permission: "deployments.read", params });

// PATCH /api/deployments/:id – the requester changes {version?, services?, description?}; it needs approving again
export const PATCH = withRoute<{ id: string }, typeof body>(
  async ({ params, actor, body }) => {
    const res = await runAction({ id: "deploy.update", request: { input: { ...body, id: params.id } }, actor: actorRef(actor) });
    return res.status === "done" ? { deployment: res.result, actionId: res.actionId } : res;
  },
  { body, action: "deploy.update", params },
);
