import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { withStore } from "@/lib/db/store";
import { listDeploymentRequests } from "@/lib/deployments/requests";
import { actorRef } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

const query = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
const body = z.record(z.string(), z.unknown());

// GET /api/deployments – deployment requests, newest first, each with its approval state
export const GET = withRoute(
  async ({ req }) => {
    const q = parseQuery(req, query);
    return { deployments: await withStore((store) => listDeploymentRequests(store, q)) };
  },
  { permission: "deployments.read" },
);

// POST /api/deployments – request a deployment {version, environment, services, description, ciUrl?}
export const POST = withRoute<Record<string, string>, typeof body>(
  async ({ actor, body }) => {
    const res = await runAction({ id: "deploy.request", request: { input: body }, actor: actorRef(actor) });
    return res.status === "done" ? { deployment: res.result, actionId: res.actionId } : res;
  },
  { body, action: "deploy.request" },
);
