-- Deployment requests (runbook 3.1) and the decisions on them. Whether a request is approved
-- is worked out from its decisions when read (approvals expire), not stored.
CREATE TABLE "deployment_requests" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" TEXT NOT NULL DEFAULT 'standard',
    "version" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "services" JSONB NOT NULL,
    "description" TEXT NOT NULL,
    "ci_url" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "requested_by" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "deployment_requests_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "deployment_requests_kind_check" CHECK ("kind" IN ('standard', 'hotfix')),
    CONSTRAINT "deployment_requests_status_check" CHECK ("status" IN ('open', 'executing', 'succeeded', 'failed', 'rolled_back', 'interrupted', 'cancelled'))
);
CREATE INDEX "deployment_requests_status_requested_at_idx" ON "deployment_requests"("status", "requested_at");

CREATE TABLE "deployment_decisions" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "by" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "deployment_decisions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "deployment_decisions_decision_check" CHECK ("decision" IN ('approve', 'reject')),
    CONSTRAINT "deployment_decisions_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "deployment_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "deployment_decisions_request_id_idx" ON "deployment_decisions"("request_id");
