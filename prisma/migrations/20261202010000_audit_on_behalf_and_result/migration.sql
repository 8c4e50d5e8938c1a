-- Changes the console makes on its own are recorded under a system actor (system:deploy-pipeline,
-- system:escalation, ...) acting on behalf of the person who started them; outcomes carry a
-- redacted summary of what happened (the pids terminated, the pods evicted, the image before
-- and after). Both are hashed into the chain when present, so older events keep their hashes.
ALTER TABLE "audit_events" ADD COLUMN "on_behalf_of" TEXT;
ALTER TABLE "audit_events" ADD COLUMN "result" JSONB;
