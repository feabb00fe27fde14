-- Client Services' search looks in the alias and in the certificate's subject and serial number.
-- It looked up each service's certificate as it walked the list (2,000 lookups for a search that
-- matches few), or every certificate a search matched (a word every subject holds: 0.3-1.2 s at a
-- million). The service now holds all three in one column, lower-cased, with one trigram index:
-- "<alias> \x01 <subject> \x01 <serial number>". Nobody can type \x01 (the list refuses control
-- characters), so a search never matches across two of them; the space after it makes each one's
-- start the start of a word (src/lib/search-keys.ts, searchPatterns).

-- AlterTable
ALTER TABLE "ClientService" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- Written by the database alone: on every insert, and on every update of the alias, the
-- certificate or the column itself (so that nothing else can set it)
CREATE FUNCTION client_service_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchText" := lower(NEW."alias") || coalesce((
    SELECT E' \x01 ' || lower(c."subject") || E' \x01 ' || lower(c."serialNumber")
    FROM "Certificate" c WHERE c."id" = NEW."certificateId"), '');
  RETURN NEW;
END $$;
CREATE TRIGGER "ClientService_search_text" BEFORE INSERT OR UPDATE OF "alias", "certificateId", "searchText"
  ON "ClientService" FOR EACH ROW EXECUTE FUNCTION client_service_search_text();

-- A certificate whose subject or serial number changes writes its services' column again
CREATE FUNCTION certificate_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "ClientService" SET "searchText" = '' WHERE "certificateId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Certificate_search_text" AFTER UPDATE OF "subject", "serialNumber"
  ON "Certificate" FOR EACH ROW EXECUTE FUNCTION certificate_search_text();

UPDATE "ClientService" SET "searchText" = '';

-- CreateIndex
CREATE INDEX "ClientService_searchText_trgm" ON "ClientService" USING GIN ("searchText" gin_trgm_ops);

-- The search's indexes before: the alias's and the certificate's own
DROP INDEX "ClientService_alias_trgm";
DROP INDEX "Certificate_subject_trgm";
DROP INDEX "Certificate_serialNumber_trgm";
