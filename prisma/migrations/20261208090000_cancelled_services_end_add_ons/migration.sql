-- A cancelled service keeps no add-ons in use: since 20261207 they end with the cancel
-- (src/server/lifecycle/lifecycle.ts, endAddOns). Services cancelled before kept theirs, listed
-- as in use on a service nothing can change any more. They end here, at the instant their
-- service was cancelled (now, for a service without its open period), each recorded in its shop's
-- activity as the cancel records them, by the system. One statement: tests/client-services/
-- cancelled.test.ts runs this file against a service cancelled the old way.
WITH ended AS (
  UPDATE "ServiceAddOn" a
  -- never before the add-on began (one added in a race with its service's cancel)
  SET "removedAt" = GREATEST(a."addedAt", COALESCE(
    (SELECT l."startedAt" FROM "LifecycleRecord" l
      WHERE l."clientServiceId" = s."id" AND l."status" = 'CANCELLED' AND l."endedAt" IS NULL),
    now()))
  FROM "ClientService" s
  WHERE s."id" = a."clientServiceId" AND s."status" = 'CANCELLED' AND a."removedAt" IS NULL
  RETURNING a."clientServiceId", a."productCode", a."addedAt", s."organizationId"
)
INSERT INTO "AuditEvent" ("actorLabel", "organizationId", "action", "targetType", "targetId", "details")
SELECT 'system', e."organizationId", 'add-on.removed', 'client-service', e."clientServiceId"::text,
  jsonb_build_object('productCode', e."productCode")
FROM ended e
ORDER BY e."clientServiceId", e."addedAt";
