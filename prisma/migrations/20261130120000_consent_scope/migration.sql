-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "SessionEndReason" ADD VALUE 'MAX_DURATION';
ALTER TYPE "SessionEndReason" ADD VALUE 'IDLE_TIMEOUT';
ALTER TYPE "SessionEndReason" ADD VALUE 'FINISH_TIME_UP';

-- AlterTable
ALTER TABLE "AccessGrant" ALTER COLUMN "partnerCompanyId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "SupportSession" ADD COLUMN     "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;


-- Hand-written rules.
-- Service access is the shop's own: it always names the shop's partner company. Only a
-- remote-support grant may be the platform's (no partner company: administrators).
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_service_access_partner_check"
  CHECK ("kind" <> 'SERVICE_ACCESS' OR "partnerCompanyId" IS NOT NULL);
-- One pending or active remote-support grant per shop and grantee, the platform counting as one.
DROP INDEX "AccessGrant_one_open_remote_support";
CREATE UNIQUE INDEX "AccessGrant_one_open_remote_support"
  ON "AccessGrant" ("organizationId", COALESCE("partnerCompanyId", '00000000-0000-0000-0000-000000000000'::uuid))
  WHERE "kind" = 'REMOTE_SUPPORT' AND "status" IN ('REQUESTED', 'ACTIVE');
