-- Counts kept under the old rules (account locks) mean nothing under the new ones.
DELETE FROM "SignInThrottle";

-- AlterTable
ALTER TABLE "SignInThrottle" DROP COLUMN "lockedUntil",
ADD COLUMN     "nextAttemptAt" TIMESTAMPTZ(3),
ADD COLUMN     "trippedAt" TIMESTAMPTZ(3);
