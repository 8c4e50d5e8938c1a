-- Executing a deployment request (runbook 3.1): who ran it, when, how it ended, and the
-- steps it took. The status "executing" is the per-environment lock: at most one request
-- per environment can hold it, across every console replica.
ALTER TABLE "deployment_requests"
    ADD COLUMN "executed_by" TEXT,
    ADD COLUMN "started_at" TIMESTAMPTZ(3),
    ADD COLUMN "finished_at" TIMESTAMPTZ(3),
    ADD COLUMN "heartbeat_at" TIMESTAMPTZ(3),
    ADD COLUMN "outcome" TEXT,
    ADD COLUMN "before" JSONB,
    ADD COLUMN "run_id" UUID;

CREATE UNIQUE INDEX "deployment_requests_one_executing_idx" ON "deployment_requests"("environment") WHERE "status" = 'executing';

CREATE TABLE "deployment_events" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "service" TEXT,
    "state" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "detail" JSONB,
    CONSTRAINT "deployment_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "deployment_events_state_check" CHECK ("state" IN ('info', 'running', 'ok', 'failed', 'skipped')),
    CONSTRAINT "deployment_events_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "deployment_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "deployment_events_request_id_idx" ON "deployment_events"("request_id", "id");
