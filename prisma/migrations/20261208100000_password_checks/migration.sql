-- AlterTable
ALTER TABLE "AuthSession" ADD COLUMN     "passwordChecks" INTEGER NOT NULL DEFAULT 0;
