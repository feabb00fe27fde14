-- A partner's list filtered by issuer, an issuer's filtered by partner, and the filter menus
-- ("issuers this partner has services of"): index probes, however the services are distributed.

-- CreateIndex
CREATE INDEX "ClientService_partnerCompanyId_issuerCompanyId_createdAt_id_idx" ON "ClientService"("partnerCompanyId", "issuerCompanyId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ClientService_issuerCompanyId_partnerCompanyId_createdAt_id_idx" ON "ClientService"("issuerCompanyId", "partnerCompanyId", "createdAt" DESC, "id" DESC);
