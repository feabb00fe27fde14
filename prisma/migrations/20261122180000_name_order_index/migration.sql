-- CreateIndex
CREATE INDEX "Organization_nameSearch_id_idx" ON "Organization"("nameSearch", "id");

