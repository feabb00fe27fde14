import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { GrantStatus, ManagedBy } from "@/generated/prisma/enums";
import { prisma } from "@/server/db";
import { now } from "@/server/clock";
import { isUuid } from "@/lib/ids";
import { digitsOnly, foldForSearch } from "@/lib/search-keys";
import type { Operator } from "@/server/viewer";
import { effectiveStatus } from "./grant-machine";

export const SEARCH_PAGE_SIZE = 20;

export interface OrgHit {
  id: string;
  name: string;
  customerReference: string;
  number: string | null;
  managedBy: ManagedBy;
  partnerName: string;
}

/**
 * One box, four keys: the UUID (exact), the name (partial, case- and accent-insensitive, via the
 * folded name and a trigram index), the customer reference (exact or prefix, any case) and the
 * number (its digits, whatever the formatting). Each key is an index-backed branch; the viewer's
 * partner company is part of the WHERE clause, never a filter applied afterwards.
 */
export async function searchOrganizations(operator: Operator, query: string, page: number): Promise<{ hits: OrgHit[]; hasMore: boolean }> {
  const q = query.trim().slice(0, 100);
  page = Math.min(Math.max(1, Math.floor(page) || 1), 10_000);
  if (q.length === 0) return { hits: [], hasMore: false };
  const branches: Prisma.Sql[] = [];
  if (isUuid(q)) branches.push(Prisma.sql`o."id" = ${q.toLowerCase()}::uuid`);
  const folded = foldForSearch(q);
  if (folded.length >= 2) {
    const pattern = `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    branches.push(Prisma.sql`o."nameSearch" LIKE ${pattern}`);
  }
  const ref = `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  branches.push(Prisma.sql`lower(o."customerReference") LIKE ${ref}`);
  const digits = digitsOnly(q);
  // a prefix as a range, so the plain b-tree index serves it under any collation (digits sort before letters)
  if (digits.length >= 4 && /^[\d\s+()./-]+$/.test(q)) branches.push(Prisma.sql`(o."numberDigits" >= ${digits} AND o."numberDigits" < ${`${digits}a`})`);

  const tenancy = operator.role === "ADMINISTRATOR" ? Prisma.sql`TRUE` : Prisma.sql`o."partnerCompanyId" = ${operator.partnerCompanyId ?? "00000000-0000-0000-0000-000000000000"}::uuid`;
  const rows = await prisma.$queryRaw<(OrgHit & { managedBy: ManagedBy })[]>`
    SELECT o."id", o."name", o."customerReference", o."number", o."managedBy", p."name" AS "partnerName"
    FROM "Organization" o JOIN "PartnerCompany" p ON p."id" = o."partnerCompanyId"
    WHERE ${tenancy} AND (${Prisma.join(branches, " OR ")})
    ORDER BY o."nameSearch", o."id"
    LIMIT ${SEARCH_PAGE_SIZE + 1} OFFSET ${(page - 1) * SEARCH_PAGE_SIZE}`;
  return { hits: rows.slice(0, SEARCH_PAGE_SIZE), hasMore: rows.length > SEARCH_PAGE_SIZE };
}

export type RemoteState =
  | { kind: "managedByProvider" }
  | { kind: "none" }
  | { kind: "pending"; requestedBy: string; requestedAt: Date; lapsesAt: Date; minutes: number | null }
  | { kind: "active"; until: Date; grantId: string };

/** For each hit, what the viewer may do now: log in, request, or wait for the owner. */
export async function remoteStates(hits: OrgHit[]): Promise<Record<string, RemoteState>> {
  const t = now();
  const grants = await prisma.accessGrant.findMany({
    where: { organizationId: { in: hits.map((h) => h.id) }, kind: "REMOTE_SUPPORT", status: { in: ["REQUESTED", "ACTIVE"] satisfies GrantStatus[] } },
    select: { id: true, organizationId: true, status: true, endsAt: true, requestExpiresAt: true, requestedAt: true, requestedMinutes: true, requestedBy: { select: { name: true } } },
  });
  const states: Record<string, RemoteState> = {};
  for (const hit of hits) {
    if (hit.managedBy === "SERVICE_PROVIDER") {
      states[hit.id] = { kind: "managedByProvider" };
      continue;
    }
    const grant = grants.find((g) => g.organizationId === hit.id && effectiveStatus(g, t) === g.status);
    if (grant?.status === "ACTIVE" && grant.endsAt) states[hit.id] = { kind: "active", until: grant.endsAt, grantId: grant.id };
    else if (grant?.status === "REQUESTED" && grant.requestExpiresAt)
      states[hit.id] = { kind: "pending", requestedBy: grant.requestedBy.name, requestedAt: grant.requestedAt, lapsesAt: grant.requestExpiresAt, minutes: grant.requestedMinutes };
    else states[hit.id] = { kind: "none" };
  }
  return states;
}
