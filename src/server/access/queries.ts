import "server-only";
import type { Operator } from "@/server/viewer";
import { clampPage } from "@/lib/page-number";
import { Prisma, type AuditEvent } from "@/generated/prisma/client";
import type { AccessScope, GrantStatus, MembershipRole, SessionBasis, UserRole } from "@/generated/prisma/enums";
import { prisma, selectRows } from "@/server/db";
import { now } from "@/server/clock";
import { tenancyWhere } from "@/server/tenancy";
import { effectiveStatus } from "./grant-machine";
import { grantHolds } from "./limits";

/** Support sessions in progress in a shop that still hold at this instant. */
export async function runningSessions(organizationId: string) {
  const t = now();
  const rows = await selectRows<{
    id: string;
    startedAt: Date;
    lastSeenAt: Date;
    basis: SessionBasis;
    actingRole: MembershipRole;
    scope: AccessScope;
    reason: string;
    operatorName: string;
    operatorEmail: string;
    operatorRole: UserRole;
    operatorPartner: string | null;
    grantId: string | null;
    grantStatus: GrantStatus;
    grantScope: AccessScope;
    grantEndsAt: Date | null;
    grantClosedAt: Date | null;
    grantEndedSessions: boolean | null;
  }>(Prisma.sql`
    SELECT s."id", s."startedAt", s."lastSeenAt", s."basis", s."actingRole", s."scope", s."reason",
           u."name" AS "operatorName", u."email" AS "operatorEmail", u."role" AS "operatorRole",
           pc."name" AS "operatorPartner", g."id" AS "grantId", g."status" AS "grantStatus", g."scope" AS "grantScope",
           g."endsAt" AS "grantEndsAt", g."closedAt" AS "grantClosedAt", g."endedSessions" AS "grantEndedSessions"
    FROM "SupportSession" s
    JOIN "User" u ON u."id" = s."operatorId"
    LEFT JOIN "PartnerCompany" pc ON pc."id" = u."partnerCompanyId"
    LEFT JOIN "AccessGrant" g ON g."id" = s."grantId"
    WHERE s."organizationId" = ${organizationId}::uuid AND s."endedAt" IS NULL
    ORDER BY s."startedAt" DESC`);
  const sessions = rows.map((r) => ({
    id: r.id,
    startedAt: r.startedAt,
    lastSeenAt: r.lastSeenAt,
    basis: r.basis,
    actingRole: r.actingRole,
    scope: r.scope,
    reason: r.reason,
    operator: {
      name: r.operatorName,
      email: r.operatorEmail,
      role: r.operatorRole,
      partnerCompany: r.operatorPartner === null ? null : { name: r.operatorPartner },
    },
    grant:
      r.grantId === null
        ? null
        : {
            status: r.grantStatus,
            scope: r.grantScope,
            endsAt: r.grantEndsAt,
            closedAt: r.grantClosedAt,
            endedSessions: r.grantEndedSessions,
          },
  }));
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

export async function recentAccessEvents(organizationId: string, take = 10): Promise<AuditEvent[]> {
  const rows = await selectRows<Omit<AuditEvent, "id" | "seq"> & { id: string; seq: string | null }>(Prisma.sql`
    SELECT * FROM "AuditEvent"
    WHERE "organizationId" = ${organizationId}::uuid AND "action" IN (${Prisma.join(ACCESS_ACTIONS)})
    ORDER BY "at" DESC, "id" DESC
    LIMIT ${take}`);
  // int8 arrives as text (selectRows); Prisma's type, and the audit table's keys and cursors, have bigint
  return rows.map((row) => ({ ...row, id: BigInt(row.id), seq: row.seq === null ? null : BigInt(row.seq) }));
}

export const OPEN_ACCESS_PAGE_SIZE = 50;

/**
 * Console "Service access": shops whose access is open now; partners see their own company's
 * shops, by the shop's partner now (a grant keeps the partner of when access opened, and a shop
 * moved to another partner since is no longer the former one's to see).
 */
export async function openServiceAccessShops(operator: Operator, requestedPage: number) {
  const page = clampPage(requestedPage);
  const where = {
    kind: "SERVICE_ACCESS" as const,
    status: "ACTIVE" as const,
    endsAt: { gt: now() },
    ...tenancyWhere(operator, ["partnerCompanyId"]),
    organization: tenancyWhere(operator, ["partnerCompanyId"]),
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
