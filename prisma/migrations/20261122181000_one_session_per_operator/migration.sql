-- One running support session per operator at a time.
CREATE UNIQUE INDEX "SupportSession_one_running_per_operator" ON "SupportSession" ("operatorId") WHERE "endedAt" IS NULL;
