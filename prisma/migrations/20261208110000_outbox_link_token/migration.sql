-- An email carrying a single-use link names the link's token, so that it is sent only while the
-- link still works (src/server/mail/worker.ts) and an administrator cannot send it again once it
-- does not (src/server/mail/outbox.ts). A token goes only with its person or shop: its emails stay
-- in the outbox, naming none, and are not sent. Link emails queued before this migration and not
-- sent yet are given theirs by the next one (20261208110100_outbox_link_token_backfill).

-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "linkTokenId" UUID;

-- AddForeignKey
ALTER TABLE "EmailOutbox" ADD CONSTRAINT "EmailOutbox_linkTokenId_fkey" FOREIGN KEY ("linkTokenId") REFERENCES "AuthToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;
