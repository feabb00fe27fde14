-- Before the next migration makes a company's name unique as people read it (NFKC, one space, any
-- case), an installation may already hold two of one kind that read alike ("Acme  GmbH" and "Acme
-- GmbH", a full-width letter), and that index would fail, leaving every later start stopped. Each
-- one after the first of its kind (by creation) is told apart by the start of its id, "Acme GmbH
-- (3f2a9c1e)", within the 200 characters a name may have, and the renaming is recorded by the
-- system, so an administrator can read what changed and rename it again (Settings >> Companies).

WITH folded AS (
  SELECT "id", "name",
    row_number() OVER (
      PARTITION BY lower(regexp_replace(normalize("name", NFKC), '\s+', ' ', 'g')) ORDER BY "createdAt", "id"
    ) AS n
  FROM "PartnerCompany"
), renamed AS (
  UPDATE "PartnerCompany" c SET "name" = left(f."name", 189) || ' (' || left(c."id"::text, 8) || ')'
  FROM folded f
  WHERE f."id" = c."id" AND f.n > 1
  RETURNING c."id", c."name", f."name" AS "previousName"
)
INSERT INTO "AuditEvent" ("actorLabel", "action", "targetType", "targetId", "details")
SELECT 'system', 'company.renamed', 'partner-company', r."id"::text,
  jsonb_build_object('name', r."name", 'previousName', r."previousName", 'kind', 'partner')
FROM renamed r
ORDER BY r."id";

WITH folded AS (
  SELECT "id", "name",
    row_number() OVER (
      PARTITION BY lower(regexp_replace(normalize("name", NFKC), '\s+', ' ', 'g')) ORDER BY "createdAt", "id"
    ) AS n
  FROM "IssuerCompany"
), renamed AS (
  UPDATE "IssuerCompany" c SET "name" = left(f."name", 189) || ' (' || left(c."id"::text, 8) || ')'
  FROM folded f
  WHERE f."id" = c."id" AND f.n > 1
  RETURNING c."id", c."name", f."name" AS "previousName"
)
INSERT INTO "AuditEvent" ("actorLabel", "action", "targetType", "targetId", "details")
SELECT 'system', 'company.renamed', 'issuer-company', r."id"::text,
  jsonb_build_object('name', r."name", 'previousName', r."previousName", 'kind', 'issuer')
FROM renamed r
ORDER BY r."id";
