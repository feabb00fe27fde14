-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" BIGINT;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- The audit log is a hash chain: every row's hash covers its contents, its position (seq) and the
-- previous row's hash, so a row edited or deleted by someone who got past the triggers (a
-- superuser) breaks the chain at that row. `npm run audit:verify` walks it.
--
-- The canonical form of a row, defined once for the sealer and the verifier: a JSON array of its
-- fields in a fixed order (jsonb prints deterministically), the instant as epoch microseconds.
CREATE FUNCTION audit_event_hash(e "AuditEvent") RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    e."seq", e."prevHash", e."id", (extract(epoch FROM e."at") * 1000000)::bigint,
    e."actorId", e."actorLabel", e."onBehalfOfOrgId", e."supportSessionId", e."organizationId",
    e."action", e."targetType", e."targetId", e."details"
  )::text, 'UTF8')), 'hex')
$$;

-- Rows are sealed when their transaction commits, in commit order: a deferred constraint trigger
-- takes one advisory lock, reads the head of the chain and links the new row to it. The lock is
-- the last one the transaction takes and is held only until its commit ends, so it can never be
-- part of a deadlock cycle, and transactions wait for each other only for that instant. The
-- previous holder's commit is visible once the lock is granted (READ COMMITTED takes a new
-- snapshot per statement); under REPEATABLE READ a stale head fails the unique index on seq and
-- the transaction rolls back instead of forking the chain.
-- SECURITY DEFINER: it runs as the owner, so the application's role needs no UPDATE on the table.
CREATE FUNCTION audit_event_seal() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  e "AuditEvent" := NEW;
  head_seq bigint;
  head_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(280716609908); -- 0x4175646974, "Audit"
  SELECT "seq", "hash" INTO head_seq, head_hash FROM "AuditEvent" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1;
  e."seq" := coalesce(head_seq, 0) + 1;
  e."prevHash" := coalesce(head_hash, repeat('0', 64));
  e."hash" := audit_event_hash(e);
  PERFORM set_config('backoffice.sealing', 'on', true);
  UPDATE "AuditEvent" SET "seq" = e."seq", "prevHash" = e."prevHash", "hash" = e."hash" WHERE "id" = e."id";
  PERFORM set_config('backoffice.sealing', 'off', true);
  RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION audit_event_seal() FROM PUBLIC;

-- Still append-only, with one exception: the sealer's own UPDATE, from no hash to the right one,
-- nothing else changed. Rows are inserted unsealed.
CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW."seq" IS NOT NULL OR NEW."prevHash" IS NOT NULL OR NEW."hash" IS NOT NULL THEN
      RAISE EXCEPTION 'AuditEvent: seq, prevHash and hash are set when the transaction commits' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('backoffice.sealing', true) = 'on'
     AND OLD."hash" IS NULL AND OLD."seq" IS NULL AND OLD."prevHash" IS NULL
     AND NEW."hash" = audit_event_hash(NEW)
     AND to_jsonb(NEW) - ARRAY['seq', 'prevHash', 'hash'] = to_jsonb(OLD) - ARRAY['seq', 'prevHash', 'hash'] THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- The rows written before the chain existed, sealed in the order they were inserted.
DO $$
DECLARE
  e "AuditEvent";
  n bigint := 0;
  prev text := repeat('0', 64);
BEGIN
  PERFORM set_config('backoffice.sealing', 'on', true);
  FOR e IN SELECT * FROM "AuditEvent" ORDER BY "id" LOOP
    n := n + 1;
    e."seq" := n;
    e."prevHash" := prev;
    e."hash" := audit_event_hash(e);
    UPDATE "AuditEvent" SET "seq" = e."seq", "prevHash" = e."prevHash", "hash" = e."hash" WHERE "id" = e."id";
    prev := e."hash";
  END LOOP;
  PERFORM set_config('backoffice.sealing', 'off', true);
END;
$$;

CREATE TRIGGER "AuditEvent_insert_unsealed" BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE CONSTRAINT TRIGGER "AuditEvent_seal" AFTER INSERT ON "AuditEvent"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_event_seal();
