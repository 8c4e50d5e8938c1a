import { parseQuery } from "@/lib/api/parse-query";
import { withRoute } from "@/lib/api/with-route";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { getVerificationJob, startFullVerification, verifyQuerySchema } from "@/lib/audit/verify-job";
import { withStore } from "@/lib/db/store";

export const dynamic = "force-dynamic";

// GET /api/audit/verify – the badge: verify from the last verified checkpoint; ?job=<id> – a full verification's progress
export const GET = withRoute(
  async ({ req }) => {
    const { job } = parseQuery(req, verifyQuerySchema);
    if (job) return getVerificationJob(job);
    return withStore((store) => verifyAuditChain(store, { mode: "incremental" }));
  },
  { permission: "audit.read" },
);

// POST /api/audit/verify – start a full verification (or join the running one); poll GET ?job=<id>
export const POST = withRoute(async () => withStore(async (store) => startFullVerification(store)), { permission: "audit.read" });
