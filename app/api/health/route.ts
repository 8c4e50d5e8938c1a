import { withRoute } from "@/lib/api/with-route";
import { currentHealthReport } from "@/lib/health/run-health-checks";

export const dynamic = "force-dynamic";

// GET /api/health – runbook 1.1's platform checks, in parallel, each under its own timeout
export const GET = withRoute(async () => currentHealthReport(), { permission: "health.read" });
