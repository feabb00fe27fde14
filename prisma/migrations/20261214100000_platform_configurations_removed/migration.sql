-- The platform's general configurations (name, support email, help page, longest support session,
-- maintenance mode, default language) could be saved but nothing read them: the application takes
-- those limits from its environment. They go, with what was saved for them; the audit log keeps
-- every change made to them. What remains is the catalogue of a client service's configurations.
DROP TABLE "PlatformConfigValue";
DELETE FROM "ConfigDefinition" WHERE "scope" = 'PLATFORM';
ALTER TABLE "ConfigDefinition" DROP COLUMN "scope";
DROP TYPE "ConfigScope";
