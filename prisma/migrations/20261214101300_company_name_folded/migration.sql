-- A company's name is unique among companies of its kind as people read it, not only in any case
-- (20261207170000_company_name_any_case): "Zürich Hosting" with "ü" as one character or as "u" and
-- a combining diaeresis (as macOS and some PDFs write it), with a no-break or an ideographic space,
-- with a full-width letter or two spaces where one was, is the same company in a menu. NFKC folds
-- the compatibility forms and odd spaces into their plain ones, runs of spaces become one, lower()
-- folds the case. The application stores names already in NFC with single spaces (src/lib/text.ts,
-- menuName); this index is what two administrators creating two spellings at once meet. It
-- replaces the lower("name") index, which it covers. An installation holding two names that fold
-- alike fails here with PostgreSQL's duplicate-key message naming the key: rename one, then migrate.

-- DropIndex
DROP INDEX "PartnerCompany_name_lower_key";

-- DropIndex
DROP INDEX "IssuerCompany_name_lower_key";

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCompany_name_folded_key" ON "PartnerCompany" (lower(regexp_replace(normalize("name", NFKC), '\s+', ' ', 'g')));

-- CreateIndex
CREATE UNIQUE INDEX "IssuerCompany_name_folded_key" ON "IssuerCompany" (lower(regexp_replace(normalize("name", NFKC), '\s+', ' ', 'g')));
