-- A company's name is unique among companies of its kind whatever its case ("Northwind X" and
-- "NORTHWIND X" are one company to the people choosing it from a menu), as customer references
-- are (Organization_customerReference_lower_key). lower() folds every letter, not only ASCII,
-- where the database's default collation knows Unicode: the embedded one is created with the
-- builtin C.UTF-8 locale (scripts/embedded-pg.ts). Prisma's schema cannot name an expression
-- index; the migration is where it lives.

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCompany_name_lower_key" ON "PartnerCompany" (lower("name"));

-- CreateIndex
CREATE UNIQUE INDEX "IssuerCompany_name_lower_key" ON "IssuerCompany" (lower("name"));
