import "server-only";
import type { AccessScope, MembershipRole, SessionBasis, SessionEndReason } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { record, SYSTEM_ACTOR, type AuditActor } from "@/server/audit/record";
import { isUuid } from "@/lib/ids";
import { isHttpsUrl } from "@/lib/security-headers";
import { env } from "@/server/env";
import type { Viewer } from "@/server/viewer";
import { formatInstant, notify, userRecipient } from "./notify";
import { mayEnterAsProvider, mayUseGrant } from "./consent";
import type { GrantState } from "./grant-rules";
import { sessionEndReason } from "./limits";

/**
 * Console tenancy: administrators manage every partner company's customers, partner operators
 * their own company's. Entering a back office is a different question (consent.ts).
 */
export function actsForPartner(viewer: Pick<Viewer, "role" | "partnerCompanyId">, partnerCompanyId: string): boolean {
  return viewer.role === "ADMINISTRATOR" || (viewer.role === "PARTNER" && viewer.partnerCompanyId === partnerCompanyId);
}

/**
 * The cookie that names the support session an operator is in (checked against the database).
 * On https it is `__Host-` prefixed: Secure, Path=/, no Domain, so no sibling host can plant one.
 */
export function supportSessionCookie(): string {
  return `${isHttpsUrl(env().NEXTAUTH_URL) ? "__Host-" : ""}bo_support_session`;
}

export interface ActiveSupportSession {
  id: string;
  organizationId: string;
  basis: SessionBasis;
  actingRole: MembershipRole;
  scope: AccessScope;
  startedAt: Date;
  /** when the grant behind it ends; null for a shop managed by the service provider */
  endsAt: Date | null;
}

export type SessionCheck =
  | { ok: true; session: ActiveSupportSession }
  | { ok: false; reason: SessionEndReason | "NO_SESSION" };

/** Whether the grant behind a session still lets it run at this instant (the sessions table's rule). */
export function grantHolds(session: { basis: SessionBasis; startedAt: Date; lastSeenAt: Date }, grant: GrantState | null, at: Date): boolean {
  return sessionEndReason(session, grant, at) === null;
}

/** Serializes every change to one shop's access: concurrent writers queue here, then re-read. */
export async function lockShop(tx: Tx, organizationId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Organization" WHERE "id" = ${organizationId}::uuid FOR UPDATE`;
}

/** Ends one running session and records who ended it, why, and whose session it was; false if it had already ended. */
export async function endOneSession(tx: Tx, session: { id: string; organizationId: string }, by: AuditActor, reason: SessionEndReason): Promise<boolean> {
  const t = now();
  const { count } = await tx.supportSession.updateMany({ where: { id: session.id, endedAt: null }, data: { endedAt: t, endReason: reason, endedById: by.id } });
  if (count === 0) return false;
  const ended = await tx.supportSession.findUniqueOrThrow({ where: { id: session.id }, select: { operator: { select: { name: true, email: true } } } });
  await record(tx, {
    actor: by, organizationId: session.organizationId, action: "session.ended", target: { type: "session", id: session.id },
    details: { reason, operator: `${ended.operator.name} <${ended.operator.email}>` },
  });
  return true;
}

/**
 * Ends every running session that matches (a grant's, a shop's service-access sessions, an
 * operator's) inside the caller's transaction, each recorded by name with the reason.
 */
export async function endSessions(
  tx: Tx,
  where: Prisma.SupportSessionWhereInput,
  reason: SessionEndReason,
  by: AuditActor,
): Promise<number> {
  const running = await tx.supportSession.findMany({ where: { ...where, endedAt: null }, select: { id: true, organizationId: true }, orderBy: { startedAt: "asc" } });
  let ended = 0;
  for (const session of running) if (await endOneSession(tx, session, by, reason)) ended++;
  return ended;
}

/**
 * Decides, on every request, whether the operator's support session still holds: it is theirs,
 * for this shop, not ended, and what allowed it still allows it at this instant. A grant whose
 * end has passed is marked expired here and now (no background job needed), and its sessions end.
 */
export async function checkSupportSession(viewer: Viewer, organizationId: string, sessionId: string | undefined): Promise<SessionCheck> {
  if (!isUuid(sessionId)) return { ok: false, reason: "NO_SESSION" };
  const session = await prisma.supportSession.findUnique({
    where: { id: sessionId },
    include: {
      grant: { select: { id: true, kind: true, status: true, scope: true, endsAt: true, closedAt: true, endedSessions: true, organizationId: true, partnerCompanyId: true } },
      organization: { select: { managedBy: true, partnerCompanyId: true } },
    },
  });
  if (!session || session.operatorId !== viewer.id || session.organizationId !== organizationId) {
    return { ok: false, reason: "NO_SESSION" };
  }
  if (session.endedAt) return { ok: false, reason: session.endReason ?? "NO_SESSION" };

  const t = now();
  // ended by the system, on this request, and recorded with why
  const endHere = async (reason: SessionEndReason) => {
    await prisma.$transaction((tx) => endOneSession(tx, session, SYSTEM_ACTOR, reason));
    return { ok: false as const, reason };
  };
  const shop = session.organization;
  if (session.basis === "MANAGED_BY_PROVIDER") {
    // the shop changed hands or management, or the operator company, since the session began
    if (!mayEnterAsProvider(viewer, shop)) return endHere(shop.managedBy === "SERVICE_PROVIDER" ? "ACCESS_CLOSED" : "MANAGEMENT_CHANGED");
  } else if (!session.grant || !mayUseGrant(viewer, session.grant, shop)) {
    return endHere(session.grant ? "ACCESS_CLOSED" : "GRANT_REVOKED");
  }
  const why = sessionEndReason(session, session.grant, t);
  if (why === "GRANT_EXPIRED" && session.grant?.status === "ACTIVE") {
    await expireGrant(session.grant.id);
    return { ok: false, reason: why };
  }
  if (why) return endHere(why);
  // the idle limit counts from here
  await prisma.supportSession.updateMany({ where: { id: session.id, endedAt: null }, data: { lastSeenAt: t } });
  return {
    ok: true,
    session: {
      id: session.id,
      organizationId: session.organizationId,
      basis: session.basis,
      actingRole: session.actingRole,
      // the grant's scope, not a copy: a merchant who narrows it narrows running sessions too
      scope: session.grant?.scope ?? session.scope,
      startedAt: session.startedAt,
      endsAt: session.grant?.endsAt ?? null,
    },
  };
}

/**
 * Marks an active grant whose end has passed as expired and ends its sessions, exactly once
 * however many requests and instances notice it at the same moment.
 */
export function expireGrant(grantId: string): Promise<boolean> {
  return prisma.$transaction((tx) => expireGrantIn(tx, grantId));
}

/** expireGrant inside the caller's transaction; does nothing to a grant that has not ended. */
export async function expireGrantIn(tx: Tx, grantId: string): Promise<boolean> {
  const t = now();
  const { count } = await tx.accessGrant.updateMany({
    where: { id: grantId, status: "ACTIVE", endsAt: { lte: t } },
    data: { status: "EXPIRED", closedAt: t },
  });
  if (count === 0) return false;
  const ended = await endSessions(tx, { grantId }, "GRANT_EXPIRED", SYSTEM_ACTOR);
  const grant = await tx.accessGrant.findUniqueOrThrow({ where: { id: grantId }, select: { kind: true, organizationId: true, endsAt: true, requestedById: true, organization: { select: { name: true } } } });
  await record(tx, {
    actor: SYSTEM_ACTOR, organizationId: grant.organizationId, target: { type: "grant", id: grantId },
    action: grant.kind === "SERVICE_ACCESS" ? "access.expired" : "remote-support.expired",
    details: { until: grant.endsAt?.toISOString() ?? null, endedSessions: ended },
  });
  if (grant.kind === "REMOTE_SUPPORT" && grant.endsAt) {
    const until = grant.endsAt;
    await notify(tx, await userRecipient(tx, grant.requestedById), "remoteSupportExpired", (r) => ({ shopName: grant.organization.name, until: formatInstant(until, r) }), {
      kind: "remote-support.expired", organizationId: grant.organizationId,
    });
  }
  return true;
}
