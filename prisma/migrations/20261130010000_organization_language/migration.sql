-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "language" "Language" NOT NULL DEFAULT 'EN';

-- A customer reference is unique whatever its case ("CR-1" and "cr-1" are one reference), also
-- when two saves race; the application's check gives the field message, this index the guarantee.
CREATE UNIQUE INDEX "Organization_customerReference_lower_key" ON "Organization" (lower("customerReference"));
