// Rows for tests, created through the real client against the test file's own database.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import type { AccessScope, GrantKind, ManagedBy, MembershipRole, UserRole } from "@/generated/prisma/enums";
import type { Caller } from "@/server/action";
import { digitsOnly, foldForSearch } from "@/lib/search-keys";

/**
 * A client of our own for arranging and asserting, as the owner of the tables; the code under test
 * uses src/server/db.ts, which connects as the application's role (setup-db.ts).
 */
export const db = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.TEST_OWNER_DATABASE_URL! }),
});

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

export async function partnerCompany(name = `Partner ${unique()}`) {
  return db.partnerCompany.create({ data: { name } });
}

export async function issuerCompany(name = `Issuer ${unique()}`) {
  return db.issuerCompany.create({ data: { name } });
}

export async function user(role: UserRole, company: { partnerCompanyId?: string; issuerCompanyId?: string } = {}) {
  return db.user.create({
    data: {
      email: `${role.toLowerCase()}-${unique()}@test.local`,
      name: `${role} ${unique()}`,
      role,
      passwordHash: "x",
      ...company,
    },
  });
}

export async function shop(
  partnerCompanyId: string,
  options: { managedBy?: ManagedBy; name?: string; number?: string } = {},
) {
  const name = options.name ?? `Shop ${unique()}`;
  const number = options.number ?? `+49 30 ${Math.floor(Math.random() * 1e7)}`;
  return db.organization.create({
    data: {
      name,
      nameSearch: foldForSearch(name),
      url: `https://${unique()}.example`,
      customerReference: `CR-${unique()}`,
      number,
      numberDigits: digitsOnly(number),
      managedBy: options.managedBy ?? "CUSTOMER",
      partnerCompanyId,
    },
  });
}

export async function member(organizationId: string, role: MembershipRole) {
  const merchant = await user("MERCHANT");
  await db.membership.create({ data: { userId: merchant.id, organizationId, role } });
  return merchant;
}

/** An active grant and an operator's running support session on it. */
export async function supportSession(
  operatorId: string,
  organizationId: string,
  partnerCompanyId: string,
  options: { scope?: AccessScope; kind?: GrantKind; endsAt?: Date; actingRole?: MembershipRole } = {},
) {
  const t = new Date();
  const endsAt = options.endsAt ?? new Date(t.getTime() + 3600_000);
  const startsAt = new Date(Math.min(t.getTime(), endsAt.getTime() - 3600_000));
  const grant = await db.accessGrant.create({
    data: {
      kind: options.kind ?? "SERVICE_ACCESS",
      status: "ACTIVE",
      organizationId,
      partnerCompanyId,
      scope: options.scope ?? "VIEW_ONLY",
      actingRole: options.actingRole ?? "OWNER",
      requestedById: operatorId,
      requestedAt: startsAt,
      startsAt,
      endsAt,
    },
  });
  const session = await db.supportSession.create({
    data: {
      operatorId,
      organizationId,
      grantId: grant.id,
      basis: grant.kind,
      actingRole: grant.actingRole,
      scope: grant.scope,
      reason: "Ticket #12345 checkout",
      startedAt: startsAt,
    },
  });
  return { grant, session };
}

export function callerFor(account: { id: string; role: UserRole }, supportSessionId?: string): Caller {
  return { identity: { userId: account.id, role: account.role }, supportSessionId, locale: "en" };
}

export async function clientService(
  partnerCompanyId: string,
  issuerCompanyId: string,
  options: {
    alias?: string;
    status?: "PENDING" | "ACTIVE" | "SUSPENDED" | "CANCELLED";
    createdAt?: Date;
    lang?: "EN" | "DE";
    organizationId?: string;
    subject?: string;
  } = {},
) {
  const organizationId = options.organizationId ?? (await shop(partnerCompanyId)).id;
  const certificate = await db.certificate.create({
    data: {
      subject: options.subject ?? `CN=${unique()}.example`,
      serialNumber: `SN-${unique()}`,
      validFrom: new Date("2026-01-01"),
      validTo: new Date("2027-01-01"),
      issuerCompanyId,
    },
  });
  return db.clientService.create({
    data: {
      alias: options.alias ?? `Service ${unique()}`,
      issuerCompanyId,
      partnerCompanyId,
      organizationId,
      certificateId: certificate.id,
      status: options.status ?? "ACTIVE",
      configLanguage: options.lang ?? "EN",
      createdAt: options.createdAt ?? new Date(),
    },
  });
}
