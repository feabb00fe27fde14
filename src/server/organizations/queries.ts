import "server-only";
import { cache } from "react";
import { isUuid } from "@/lib/ids";
import { searchOrganizations, type OrgPage } from "@/server/access/org-search";
import { remoteSupportRequests, runningSessions } from "@/server/access/queries";
import { currentServiceAccess } from "@/server/access/service-access";
import { now } from "@/server/clock";
import { inTenancy } from "@/server/tenancy";
import { prisma } from "@/server/db";
import { hasOwnerWhoCanSignIn } from "./owner-invitation";
import type { Operator } from "@/server/viewer";
import { firstParam } from "@/lib/search-params";

export interface ListParams {
  q?: string;
  after?: string;
  before?: string;
}

/** The list's parameters from a query string; anything unexpected is simply absent. */
export function parseListParams(params: Record<string, string | string[] | undefined>): ListParams {
  return {
    q: (firstParam(params.q) ?? "").trim().slice(0, 100),
    after: firstParam(params.after),
    before: firstParam(params.before),
  };
}

/**
 * Console >> Organizations: the ones the operator may see (partners their own partner company's,
 * administrators all), in name order, found by the same keys as the remote-support search.
 */
export function listOrganizations(operator: Operator, params: ListParams): Promise<OrgPage> {
  return searchOrganizations(operator, params.q ?? "", { after: params.after, before: params.before });
}

/** The organization if this operator may see it; tenancy read from the record. Once per request. */
export const findOrganizationFor = cache(async (operator: Operator, organizationId: string) => {
  if (!isUuid(organizationId)) return null;
  const organization = await prisma.organization.findUnique({
    where: { id: organizationId },
    include: { partnerCompany: { select: { id: true, name: true } } },
  });
  return organization && inTenancy(operator, organization) ? organization : null;
});

/** The partner companies an administrator may assign (a partner only ever gets their own). */
export function partnerChoices(operator: Operator) {
  if (operator.role !== "ADMINISTRATOR")
    return prisma.partnerCompany.findMany({
      where: { id: operator.partnerCompanyId ?? "00000000-0000-0000-0000-000000000000" },
      select: { id: true, name: true },
    });
  return prisma.partnerCompany.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/**
 * Who belongs to the organization: members, invitations still waiting to be accepted, and whether
 * an owner can sign in (until one can, the console invites one).
 */
export async function organizationPeople(organizationId: string) {
  const [members, invitations, hasOwner] = await Promise.all([
    prisma.membership.findMany({
      where: { organizationId },
      orderBy: [{ role: "asc" }, { createdAt: "asc" }],
      select: { id: true, role: true, user: { select: { name: true, email: true } } },
    }),
    prisma.authToken.findMany({
      where: { organizationId, kind: "INVITATION", usedAt: null, revokedAt: null, expiresAt: { gt: now() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, membershipRole: true, expiresAt: true, user: { select: { email: true } } },
    }),
    hasOwnerWhoCanSignIn(prisma, organizationId),
  ]);
  return { members, invitations, hasOwner };
}

/** The organization's client services (a shop has a handful; no paging needed). */
export function organizationServices(organizationId: string) {
  return prisma.clientService.findMany({
    where: { organizationId },
    orderBy: [{ alias: "asc" }, { id: "asc" }],
    select: { id: true, alias: true, status: true, issuerCompany: { select: { name: true } } },
  });
}

/** Service access, remote-support grants and sessions in progress, as they hold right now. */
export async function organizationAccess(organizationId: string) {
  const [serviceAccess, remote, sessions] = await Promise.all([
    currentServiceAccess(organizationId),
    remoteSupportRequests(organizationId),
    runningSessions(organizationId),
  ]);
  return { serviceAccess, pending: remote.pending, active: remote.active, sessions };
}
