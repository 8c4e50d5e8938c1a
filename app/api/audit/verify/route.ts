import { withRoute } from "@/lib/api/with-route";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { withStore } from "@/lib/db/store";

export const dynamic = "force-dynamic";

// GET /api/audit/verify – recompute the hash chain; names the first broken event
export const GET = withRoute(async () => withStore(verifyAuditChain), { permission: "audit.read" });
