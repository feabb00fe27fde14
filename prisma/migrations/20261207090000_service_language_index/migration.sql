-- A list filtered by language (and status) whose matches are few among the first rows of its
-- order: the matches are then collected through the filters' indexes (src/server/client-services/
-- queries.ts), and the language had none, so that collection read every service.

-- CreateIndex
CREATE INDEX "ClientService_configLanguage_status_idx" ON "ClientService"("configLanguage", "status");
