-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "language" "Language" NOT NULL DEFAULT 'EN';
