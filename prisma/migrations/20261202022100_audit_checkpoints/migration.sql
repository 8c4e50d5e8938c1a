-- Signed checkpoints of the audit chain's head (issue 10, hole 5).
--
-- "position" is a gap-free counter assigned under the append lock: seq is a BIGSERIAL, so a
-- rolled-back insert leaves a natural gap there, while a gap in position means a removed
-- event. Checkpoints sign (position, seq, hash, time) so a rewrite or a truncation of the
-- chain no longer verifies without AUDIT_SIGNING_KEY, which the database does not hold.
ALTER TABLE "audit_events" ADD COLUMN "position" BIGINT;

-- Backfill in chain order; the append-only trigger is switched off for this one statement
-- (the migration runs as the table's owner, in the migrator's transaction).
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_no_update_delete";
UPDATE "audit_events" e SET "position" = n.position
  FROM (SELECT "seq", row_number() OVER (ORDER BY "seq") AS position FROM "audit_events") n
  WHERE e."seq" = n."seq";
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_no_update_delete";

ALTER TABLE "audit_events" ALTER COLUMN "position" SET NOT NULL;
CREATE UNIQUE INDEX "audit_events_position_key" ON "audit_events"("position");

CREATE TABLE "audit_checkpoints" (
    "position" BIGINT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "key_id" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "anchored_at" TIMESTAMPTZ(3),
    "verified_at" TIMESTAMPTZ(3),

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("position")
);

-- Checkpoints are append-only too, except for the two bookkeeping stamps (anchored, verified).
CREATE FUNCTION "audit_checkpoints_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW."position" = OLD."position" AND NEW."seq" = OLD."seq" AND NEW."hash" = OLD."hash"
     AND NEW."time" = OLD."time" AND NEW."key_id" = OLD."key_id" AND NEW."signature" = OLD."signature" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_checkpoints is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_checkpoints_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION "audit_checkpoints_append_only"();

CREATE TRIGGER "audit_checkpoints_no_truncate"
  BEFORE TRUNCATE ON "audit_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_checkpoints_append_only"();
