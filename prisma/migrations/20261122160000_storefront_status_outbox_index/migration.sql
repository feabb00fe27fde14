-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "closedMessage" TEXT,
ADD COLUMN     "storefrontOpen" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "EmailOutbox_status_createdAt_idx" ON "EmailOutbox"("status", "createdAt" DESC);

