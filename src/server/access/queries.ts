import "server-only";
import type { Operator } from "@/server/viewer";
import { clampPage } from "@/lib/page-number";
import { prisma } from "@/server/db";
import { now } from "@/server/clock";
import { tenancyWhere } from "@/server/tenancy";
import { effectiveStatus } from "./grant-machine";
import { grantHolds } from "./limits";

/** Support sessions in progress in a shop that still hold at this instant. */
export async function runningSessions(organizationId: string) {
  const t = now();
  const sessions = await prisma.supportSession.findMany({
    where: { organizationId, endedAt: null },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      startedAt: true,
      lastSeenAt: true,
      basis: true,
      actingRole: true,
      scope: true,
      reason: true,
      operator: { select: { name: true, email: true, partnerCompany: { select: { name: true } }, role: true } },
      grant: { select: { status: true, scope: true, endsAt: true, closedAt: true, endedSessions: true } },
    },
  });
  // the same rule every request inside a session is held to
  return sessions.filter((s) => grantHolds(s, s.grant, t));
}

const ACCESS_ACTIONS = [
  "access.opened",
  "access.changed",
  "access.closed",
  "access.expired",
  "session.started",
  "session.ended",
];

export function recentAccessEvents(organizationId: string, take = 10) {
  return prisma.auditEvent.findMany({
    where: { organizationId, action: { in: ACCESS_ACTIONS } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
  });
}

export const OPEN_ACCESS_PAGE_SIZE = 50;

/** Console "Service access": shops whose access is open now; partners see their own company's. */
export async function openServiceAccessShops(operator: Operator, requestedPage: number) {
  const page = clampPage(requestedPage);
  const where = {
    kind: "SERVICE_ACCESS" as const,
    status: "ACTIVE" as const,
    endsAt: { gt: now() },
    ...tenancyWhere(operator, ["partnerCompanyId"]),
  };
  const [total, grants] = await Promise.all([
    prisma.accessGrant.count({ where }),
    prisma.accessGrant.findMany({
      where,
      orderBy: [{ endsAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * OPEN_ACCESS_PAGE_SIZE,
      take: OPEN_ACCESS_PAGE_SIZE,
      select: {
        id: true,
        endsAt: true,
        scope: true,
        organization: {
          select: {
            id: true,
            name: true,
            customerReference: true,
            timeZone: true,
            partnerCompany: { select: { name: true } },
          },
        },
      },
    }),
  ]);
  return { total, grants, pages: Math.max(1, Math.ceil(total / OPEN_ACCESS_PAGE_SIZE)) };
}

/** Manage Organization >> Remote Support: requests waiting, grants running, and the last 50 others. */
export async function remoteSupportRequests(organizationId: string) {
  const t = now();
  const select = {
    id: true,
    status: true,
    note: true,
    requestedAt: true,
    requestedMinutes: true,
    requestExpiresAt: true,
    grantedMinutes: true,
    endsAt: true,
    decidedAt: true,
    decisionReason: true,
    closedAt: true,
    requestedBy: { select: { name: true } },
    // to whom the owner gives consent: a partner company, or (none) the platform's administrators
    partnerCompany: { select: { name: true } },
    decidedBy: { select: { name: true } },
    closedBy: { select: { name: true } },
  } as const;
  const open = await prisma.accessGrant.findMany({
    where: { organizationId, kind: "REMOTE_SUPPORT", status: { in: ["REQUESTED", "ACTIVE"] } },
    orderBy: { requestedAt: "desc" },
    select,
  });
  const past = await prisma.accessGrant.findMany({
    where: { organizationId, kind: "REMOTE_SUPPORT", status: { in: ["REJECTED", "REVOKED", "EXPIRED"] } },
    orderBy: { requestedAt: "desc" },
    take: 50,
    select,
  });
  const withStatus = open.map((g) => ({ ...g, status: effectiveStatus(g, t) }));
  return {
    pending: withStatus.filter((g) => g.status === "REQUESTED"),
    active: withStatus.filter((g) => g.status === "ACTIVE"),
    past: [...withStatus.filter((g) => g.status === "EXPIRED"), ...past],
  };
}
