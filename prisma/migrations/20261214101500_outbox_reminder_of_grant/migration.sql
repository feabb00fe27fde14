-- A reminder that access ends soon names its grant, so that it is sent only while that grant is
-- open and its end has not passed (src/server/mail/worker.ts), and an administrator cannot send it
-- again once it is not (src/server/mail/outbox.ts). A grant given another end lets go of the
-- reminders of its former end (src/server/access/service-access.ts). Reminders queued before this
-- migration are not marked and go as before.

-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "reminder" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "remindsOfGrantId" UUID;

-- CreateIndex
CREATE INDEX "EmailOutbox_remindsOfGrantId_idx" ON "EmailOutbox"("remindsOfGrantId");

-- AddForeignKey
ALTER TABLE "EmailOutbox" ADD CONSTRAINT "EmailOutbox_remindsOfGrantId_fkey" FOREIGN KEY ("remindsOfGrantId") REFERENCES "AccessGrant"("id") ON DELETE SET NULL ON UPDATE CASCADE;
