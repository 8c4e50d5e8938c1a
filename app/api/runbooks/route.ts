import { withRoute } from "@/lib/api/with-route";
import { catalogue } from "@/lib/runbooks/views";

export const dynamic = "force-dynamic";

// GET /api/runbooks – the catalogue: every runbook of the seed, with its section, severity and parameters
export const GET = withRoute(async () => ({ runbooks: catalogue() }), { permission: "runbooks.read" });
