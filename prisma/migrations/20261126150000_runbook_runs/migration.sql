-- Runbook runs: one row per run, one per step of it, and its timeline.
CREATE TABLE "runbook_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "runbook_id" TEXT NOT NULL,
    "runbook_version" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "parameters" JSONB NOT NULL,
    "severity" TEXT,
    "alert" JSONB,
    "drill" BOOLEAN NOT NULL DEFAULT false,
    "scenario" TEXT,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "started_by" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    "escalate_at" TIMESTAMPTZ(3),
    "escalated_at" TIMESTAMPTZ(3),
    "revision" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "runbook_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "runbook_runs_status_check" CHECK ("status" IN ('in_progress', 'resolved', 'escalated', 'abandoned'))
);
CREATE INDEX "runbook_runs_status_started_at_idx" ON "runbook_runs"("status", "started_at");
CREATE INDEX "runbook_runs_started_at_idx" ON "runbook_runs"("started_at");

CREATE TABLE "runbook_run_steps" (
    "run_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "output" JSONB,
    "error" TEXT,
    "note" TEXT,
    "actor" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "action_id" UUID,
    CONSTRAINT "runbook_run_steps_pkey" PRIMARY KEY ("run_id", "step_id"),
    CONSTRAINT "runbook_run_steps_state_check" CHECK ("state" IN ('pending', 'running', 'done', 'failed', 'skipped')),
    CONSTRAINT "runbook_run_steps_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runbook_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TABLE "runbook_run_events" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "step_id" TEXT,
    "message" TEXT NOT NULL,
    "data" JSONB,
    CONSTRAINT "runbook_run_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "runbook_run_events_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runbook_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "runbook_run_events_run_id_id_idx" ON "runbook_run_events"("run_id", "id");
