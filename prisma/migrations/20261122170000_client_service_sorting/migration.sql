-- CreateIndex
CREATE INDEX "ClientService_alias_id_idx" ON "ClientService"("alias", "id");

-- CreateIndex
CREATE INDEX "ClientService_partnerCompanyId_alias_id_idx" ON "ClientService"("partnerCompanyId", "alias", "id");

-- CreateIndex
CREATE INDEX "ClientService_issuerCompanyId_alias_id_idx" ON "ClientService"("issuerCompanyId", "alias", "id");


-- Client Services text search also looks at the certificate (subject and serial number).
CREATE INDEX "Certificate_subject_trgm" ON "Certificate" USING gin (lower("subject") gin_trgm_ops);
CREATE INDEX "Certificate_serialNumber_trgm" ON "Certificate" USING gin (lower("serialNumber") gin_trgm_ops);
