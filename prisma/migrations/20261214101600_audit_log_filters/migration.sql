-- The administrators' audit log filters by the kind of event and by the actor's email address, each
-- newest first with keyset paging on ("at", "id"): an index per filter in that order, so that a
-- page of a rare action or of one person's events is read along its index, never by walking or
-- sorting the whole log, which grows without end. The shop and the date range have theirs already
-- ("AuditEvent_organizationId_at_id_idx", "AuditEvent_at_id_idx").
--
-- The actor is matched on the address the row itself names, as the log shows it: "Name <email>"
-- for a person (kept after the account is gone), the typed address alone for a failed sign-in of
-- an unknown account. audit_actor_email() is that address in lower case; one definition for the
-- index and the query.

CREATE FUNCTION audit_actor_email(label text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN lower(coalesce(substring(label FROM '<([^<>]*)>$'), label));

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_id_idx" ON "AuditEvent"("action", "at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_actor_email_at_id_idx" ON "AuditEvent" (audit_actor_email("actorLabel"), "at" DESC, "id" DESC);
