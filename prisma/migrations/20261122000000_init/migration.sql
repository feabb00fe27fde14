-- Extensions used by the search indexes below.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('MERCHANT', 'PARTNER', 'ISSUER', 'ADMINISTRATOR');

-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('OWNER', 'SUPER_ADMIN', 'MEMBER');

-- CreateEnum
CREATE TYPE "ManagedBy" AS ENUM ('SERVICE_PROVIDER', 'CUSTOMER');

-- CreateEnum
CREATE TYPE "Language" AS ENUM ('EN', 'DE');

-- CreateEnum
CREATE TYPE "ServiceStatus" AS ENUM ('PENDING', 'ACTIVE', 'SUSPENDED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ConfigType" AS ENUM ('TEXT', 'NUMBER', 'BOOLEAN', 'CHOICE', 'EMAIL', 'URL');

-- CreateEnum
CREATE TYPE "ConfigScope" AS ENUM ('PLATFORM', 'SERVICE');

-- CreateEnum
CREATE TYPE "SmtpSecurity" AS ENUM ('NONE', 'STARTTLS', 'TLS');

-- CreateEnum
CREATE TYPE "GrantKind" AS ENUM ('SERVICE_ACCESS', 'REMOTE_SUPPORT');

-- CreateEnum
CREATE TYPE "GrantStatus" AS ENUM ('REQUESTED', 'ACTIVE', 'REJECTED', 'REVOKED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "AccessScope" AS ENUM ('VIEW_ONLY', 'VIEW_AND_CHANGE');

-- CreateEnum
CREATE TYPE "SessionBasis" AS ENUM ('SERVICE_ACCESS', 'REMOTE_SUPPORT', 'MANAGED_BY_PROVIDER');

-- CreateEnum
CREATE TYPE "SessionEndReason" AS ENUM ('OPERATOR_ENDED', 'MERCHANT_ENDED', 'ACCESS_CLOSED', 'GRANT_REVOKED', 'GRANT_EXPIRED', 'SIGNED_OUT');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "PartnerCompany" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnerCompany_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssuerCompany" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssuerCompany_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "partnerCompanyId" UUID,
    "issuerCompanyId" UUID,
    "locale" "Language" NOT NULL DEFAULT 'EN',
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Berlin',
    "disabledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "nameSearch" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "customerReference" TEXT NOT NULL,
    "number" TEXT,
    "numberDigits" TEXT,
    "managedBy" "ManagedBy" NOT NULL,
    "partnerCompanyId" UUID NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Berlin',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "role" "MembershipRole" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3) NOT NULL,
    "issuerCompanyId" UUID NOT NULL,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientService" (
    "id" UUID NOT NULL,
    "alias" TEXT NOT NULL,
    "issuerCompanyId" UUID NOT NULL,
    "partnerCompanyId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "certificateId" UUID,
    "configLanguage" "Language" NOT NULL DEFAULT 'EN',
    "status" "ServiceStatus" NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ClientService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConfigDefinition" (
    "key" TEXT NOT NULL,
    "scope" "ConfigScope" NOT NULL,
    "type" "ConfigType" NOT NULL,
    "defaultValue" JSONB NOT NULL,
    "min" DOUBLE PRECISION,
    "max" DOUBLE PRECISION,
    "choices" TEXT[],
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ConfigDefinition_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ServiceConfigValue" (
    "clientServiceId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "ServiceConfigValue_pkey" PRIMARY KEY ("clientServiceId","key")
);

-- CreateTable
CREATE TABLE "PlatformConfigValue" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "PlatformConfigValue_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ServiceSmtp" (
    "clientServiceId" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "security" "SmtpSecurity" NOT NULL,
    "username" TEXT,
    "passwordEncrypted" TEXT,
    "fromAddress" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "ServiceSmtp_pkey" PRIMARY KEY ("clientServiceId")
);

-- CreateTable
CREATE TABLE "SystemSmtp" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "security" "SmtpSecurity" NOT NULL,
    "username" TEXT,
    "passwordEncrypted" TEXT,
    "fromAddress" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "SystemSmtp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LifecycleRecord" (
    "id" UUID NOT NULL,
    "clientServiceId" UUID NOT NULL,
    "status" "ServiceStatus" NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "changedById" UUID,
    "reason" TEXT,

    CONSTRAINT "LifecycleRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceNote" (
    "id" UUID NOT NULL,
    "clientServiceId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AddOnProduct" (
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AddOnProduct_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "ServiceAddOn" (
    "id" UUID NOT NULL,
    "clientServiceId" UUID NOT NULL,
    "productCode" TEXT NOT NULL,
    "addedById" UUID NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedById" UUID,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ServiceAddOn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessGrant" (
    "id" UUID NOT NULL,
    "kind" "GrantKind" NOT NULL,
    "status" "GrantStatus" NOT NULL,
    "organizationId" UUID NOT NULL,
    "partnerCompanyId" UUID NOT NULL,
    "scope" "AccessScope" NOT NULL DEFAULT 'VIEW_AND_CHANGE',
    "actingRole" "MembershipRole" NOT NULL,
    "note" TEXT,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "requestedMinutes" INTEGER,
    "requestExpiresAt" TIMESTAMPTZ(3),
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionReason" TEXT,
    "grantedMinutes" INTEGER,
    "startsAt" TIMESTAMPTZ(3),
    "endsAt" TIMESTAMPTZ(3),
    "closedById" UUID,
    "closedAt" TIMESTAMPTZ(3),
    "endedSessions" BOOLEAN,
    "reminderQueuedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AccessGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportSession" (
    "id" UUID NOT NULL,
    "operatorId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "grantId" UUID,
    "basis" "SessionBasis" NOT NULL,
    "actingRole" "MembershipRole" NOT NULL,
    "scope" "AccessScope" NOT NULL,
    "reason" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "endReason" "SessionEndReason",
    "endedById" UUID,

    CONSTRAINT "SupportSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "onBehalfOfOrgId" UUID,
    "supportSessionId" UUID,
    "organizationId" UUID,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailOutbox" (
    "id" UUID NOT NULL,
    "toAddresses" TEXT[],
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "organizationId" UUID,
    "status" "OutboxStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "EmailOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerCompany_name_key" ON "PartnerCompany"("name");

-- CreateIndex
CREATE UNIQUE INDEX "IssuerCompany_name_key" ON "IssuerCompany"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_partnerCompanyId_idx" ON "User"("partnerCompanyId");

-- CreateIndex
CREATE INDEX "User_issuerCompanyId_idx" ON "User"("issuerCompanyId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_customerReference_key" ON "Organization"("customerReference");

-- CreateIndex
CREATE INDEX "Organization_partnerCompanyId_nameSearch_idx" ON "Organization"("partnerCompanyId", "nameSearch");

-- CreateIndex
CREATE INDEX "Organization_numberDigits_idx" ON "Organization"("numberDigits");

-- CreateIndex
CREATE INDEX "Membership_organizationId_role_idx" ON "Membership"("organizationId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_organizationId_key" ON "Membership"("userId", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_serialNumber_key" ON "Certificate"("serialNumber");

-- CreateIndex
CREATE INDEX "ClientService_createdAt_id_idx" ON "ClientService"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ClientService_partnerCompanyId_createdAt_id_idx" ON "ClientService"("partnerCompanyId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ClientService_issuerCompanyId_createdAt_id_idx" ON "ClientService"("issuerCompanyId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ClientService_status_createdAt_id_idx" ON "ClientService"("status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ClientService_partnerCompanyId_status_createdAt_id_idx" ON "ClientService"("partnerCompanyId", "status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ClientService_organizationId_idx" ON "ClientService"("organizationId");

-- CreateIndex
CREATE INDEX "ClientService_certificateId_idx" ON "ClientService"("certificateId");

-- CreateIndex
CREATE INDEX "LifecycleRecord_clientServiceId_startedAt_idx" ON "LifecycleRecord"("clientServiceId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "ServiceNote_clientServiceId_createdAt_idx" ON "ServiceNote"("clientServiceId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ServiceAddOn_clientServiceId_removedAt_idx" ON "ServiceAddOn"("clientServiceId", "removedAt");

-- CreateIndex
CREATE INDEX "AccessGrant_organizationId_kind_status_idx" ON "AccessGrant"("organizationId", "kind", "status");

-- CreateIndex
CREATE INDEX "AccessGrant_partnerCompanyId_kind_status_endsAt_idx" ON "AccessGrant"("partnerCompanyId", "kind", "status", "endsAt");

-- CreateIndex
CREATE INDEX "AccessGrant_kind_status_endsAt_idx" ON "AccessGrant"("kind", "status", "endsAt");

-- CreateIndex
CREATE INDEX "SupportSession_operatorId_endedAt_idx" ON "SupportSession"("operatorId", "endedAt");

-- CreateIndex
CREATE INDEX "SupportSession_organizationId_endedAt_idx" ON "SupportSession"("organizationId", "endedAt");

-- CreateIndex
CREATE INDEX "SupportSession_grantId_endedAt_idx" ON "SupportSession"("grantId", "endedAt");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_at_id_idx" ON "AuditEvent"("organizationId", "at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_at_id_idx" ON "AuditEvent"("at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at" DESC);

-- CreateIndex
CREATE INDEX "EmailOutbox_status_nextAttemptAt_idx" ON "EmailOutbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "EmailOutbox_createdAt_idx" ON "EmailOutbox"("createdAt" DESC);

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_partnerCompanyId_fkey" FOREIGN KEY ("partnerCompanyId") REFERENCES "PartnerCompany"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_issuerCompanyId_fkey" FOREIGN KEY ("issuerCompanyId") REFERENCES "IssuerCompany"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_partnerCompanyId_fkey" FOREIGN KEY ("partnerCompanyId") REFERENCES "PartnerCompany"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_issuerCompanyId_fkey" FOREIGN KEY ("issuerCompanyId") REFERENCES "IssuerCompany"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientService" ADD CONSTRAINT "ClientService_issuerCompanyId_fkey" FOREIGN KEY ("issuerCompanyId") REFERENCES "IssuerCompany"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientService" ADD CONSTRAINT "ClientService_partnerCompanyId_fkey" FOREIGN KEY ("partnerCompanyId") REFERENCES "PartnerCompany"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientService" ADD CONSTRAINT "ClientService_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientService" ADD CONSTRAINT "ClientService_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceConfigValue" ADD CONSTRAINT "ServiceConfigValue_clientServiceId_fkey" FOREIGN KEY ("clientServiceId") REFERENCES "ClientService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceConfigValue" ADD CONSTRAINT "ServiceConfigValue_key_fkey" FOREIGN KEY ("key") REFERENCES "ConfigDefinition"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlatformConfigValue" ADD CONSTRAINT "PlatformConfigValue_key_fkey" FOREIGN KEY ("key") REFERENCES "ConfigDefinition"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceSmtp" ADD CONSTRAINT "ServiceSmtp_clientServiceId_fkey" FOREIGN KEY ("clientServiceId") REFERENCES "ClientService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LifecycleRecord" ADD CONSTRAINT "LifecycleRecord_clientServiceId_fkey" FOREIGN KEY ("clientServiceId") REFERENCES "ClientService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LifecycleRecord" ADD CONSTRAINT "LifecycleRecord_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceNote" ADD CONSTRAINT "ServiceNote_clientServiceId_fkey" FOREIGN KEY ("clientServiceId") REFERENCES "ClientService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceNote" ADD CONSTRAINT "ServiceNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAddOn" ADD CONSTRAINT "ServiceAddOn_clientServiceId_fkey" FOREIGN KEY ("clientServiceId") REFERENCES "ClientService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAddOn" ADD CONSTRAINT "ServiceAddOn_productCode_fkey" FOREIGN KEY ("productCode") REFERENCES "AddOnProduct"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAddOn" ADD CONSTRAINT "ServiceAddOn_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAddOn" ADD CONSTRAINT "ServiceAddOn_removedById_fkey" FOREIGN KEY ("removedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_partnerCompanyId_fkey" FOREIGN KEY ("partnerCompanyId") REFERENCES "PartnerCompany"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportSession" ADD CONSTRAINT "SupportSession_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportSession" ADD CONSTRAINT "SupportSession_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportSession" ADD CONSTRAINT "SupportSession_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "AccessGrant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportSession" ADD CONSTRAINT "SupportSession_endedById_fkey" FOREIGN KEY ("endedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------
-- Rules the database guarantees by itself (hand-written; the Prisma schema cannot express them).
-- ---------------------------------------------------------------------------------------------

-- Operators belong to exactly the company their role needs; merchants to none.
ALTER TABLE "User" ADD CONSTRAINT "User_role_company_check" CHECK (
  ("role" = 'PARTNER' AND "partnerCompanyId" IS NOT NULL AND "issuerCompanyId" IS NULL) OR
  ("role" = 'ISSUER' AND "issuerCompanyId" IS NOT NULL AND "partnerCompanyId" IS NULL) OR
  ("role" IN ('MERCHANT', 'ADMINISTRATOR') AND "partnerCompanyId" IS NULL AND "issuerCompanyId" IS NULL)
);
ALTER TABLE "User" ADD CONSTRAINT "User_email_lower_check" CHECK ("email" = lower("email"));

-- The platform SMTP settings are a single row.
ALTER TABLE "SystemSmtp" ADD CONSTRAINT "SystemSmtp_single_row_check" CHECK ("id" = 1);
ALTER TABLE "SystemSmtp" ADD CONSTRAINT "SystemSmtp_port_check" CHECK ("port" BETWEEN 1 AND 65535);
ALTER TABLE "ServiceSmtp" ADD CONSTRAINT "ServiceSmtp_port_check" CHECK ("port" BETWEEN 1 AND 65535);

ALTER TABLE "ServiceNote" ADD CONSTRAINT "ServiceNote_body_check" CHECK (char_length("body") BETWEEN 1 AND 2000);

-- The shape of a grant follows its state.
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_active_has_window_check"
  CHECK ("status" <> 'ACTIVE' OR ("startsAt" IS NOT NULL AND "endsAt" IS NOT NULL AND "endsAt" > "startsAt"));
ALTER TABLE "AccessGrant" ADD CONSTRAINT "AccessGrant_requested_has_lapse_check"
  CHECK ("status" <> 'REQUESTED' OR "requestExpiresAt" IS NOT NULL);
-- At most one open service access per shop, and one pending or active remote-support grant per
-- shop and partner company.
CREATE UNIQUE INDEX "AccessGrant_one_open_service_access"
  ON "AccessGrant" ("organizationId") WHERE "kind" = 'SERVICE_ACCESS' AND "status" = 'ACTIVE';
CREATE UNIQUE INDEX "AccessGrant_one_open_remote_support"
  ON "AccessGrant" ("organizationId", "partnerCompanyId")
  WHERE "kind" = 'REMOTE_SUPPORT' AND "status" IN ('REQUESTED', 'ACTIVE');

-- A support session that ended says why; one that runs does not.
ALTER TABLE "SupportSession" ADD CONSTRAINT "SupportSession_end_check"
  CHECK (("endedAt" IS NULL) = ("endReason" IS NULL));
ALTER TABLE "SupportSession" ADD CONSTRAINT "SupportSession_reason_check"
  CHECK (char_length("reason") >= 10);

-- One open life-cycle period per client service, and periods end after they start.
CREATE UNIQUE INDEX "LifecycleRecord_one_open_period"
  ON "LifecycleRecord" ("clientServiceId") WHERE "endedAt" IS NULL;
ALTER TABLE "LifecycleRecord" ADD CONSTRAINT "LifecycleRecord_period_check"
  CHECK ("endedAt" IS NULL OR "endedAt" >= "startedAt");

-- Search: partial, case- and accent-insensitive names (nameSearch is folded by the application),
-- customer reference prefixes, aliases and certificates.
CREATE INDEX "ClientService_alias_trgm" ON "ClientService" USING gin (lower("alias") gin_trgm_ops);

-- The audit log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditEvent_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

CREATE INDEX "Organization_nameSearch_trgm" ON "Organization" USING GIN ("nameSearch" gin_trgm_ops);
-- case-insensitive prefix search on customer references, whatever the database collation
CREATE INDEX "Organization_customerReference_prefix" ON "Organization" (lower("customerReference") text_pattern_ops);
