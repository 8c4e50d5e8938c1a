import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { withStore } from "@/lib/db/store";
import { runPreChecks } from "@/lib/deployments/checks";
import { getDeploymentRequest } from "@/lib/deployments/requests";
import { storeId } from "@/lib/api/params";

const params = z.object({ id: storeId });

export const dynamic = "force-dynamic";

// GET /api/deployments/:id/checks – the pre-deployment checks, run now (incidents, targets, tag, dry run, CI)
export const GET = withRoute<{ id: string }>(
  async ({ params }) => withStore(async (store) => runPreChecks(store, await getDeploymentRequest(store, params.id))),
  { permission: "deployments.read", params },
);
