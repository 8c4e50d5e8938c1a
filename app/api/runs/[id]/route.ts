import { z } from "zod";
import { withRoute } from "@/lib/api/with-route";
import { withStore } from "@/lib/db/store";
import { runWithDefinition } from "@/lib/runbooks/views";
import { storeId } from "@/lib/api/params";

const params = z.object({ id: storeId });

export const dynamic = "force-dynamic";

// GET /api/runs/:id – a run's state: every step, its output and the timeline, with the runbook it follows
export const GET = withRoute<{ id: string }>(async ({ params }) => withStore((store) => runWithDefinition(store, params.id)), { permission: "runbooks.read", params });
