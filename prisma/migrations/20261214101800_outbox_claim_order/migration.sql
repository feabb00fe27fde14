-- The mail worker sends the messages due at one instant (all of them after "Send all failed again")
-- in the order they were made in: createdAt, then id (src/server/mail/worker.ts). This index gives
-- its claim that order as it reads, and serves every other read of due messages as the one it
-- replaces did (tests/database-rules/outbox.test.ts).

-- DropIndex
DROP INDEX "EmailOutbox_status_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "EmailOutbox_status_nextAttemptAt_createdAt_id_idx" ON "EmailOutbox"("status", "nextAttemptAt", "createdAt", "id");
