import "server-only";
import type { AccessScope, GrantStatus, MembershipRole, SessionBasis, SessionEndReason } from "@/generated/prisma/enums";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { record, SYSTEM_ACTOR, type AuditActor } from "@/server/audit/record";
import { isUuid } from "@/lib/ids";
import { isHttpsUrl } from "@/lib/security-headers";
import { env } from "@/server/env";
import type { Viewer } from "@/server/viewer";
import { formatInstant, notify, userRecipient } from "./notify";

/** Administrators act for every partner company; partner operators for their own only. */
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

type GrantState = { status: GrantStatus; endsAt: Date | null; closedAt: Date | null; endedSessions: boolean | null };

/** "Let them finish": a session that began before its access was closed runs on to the old end. */
export function letFinishes(session: { startedAt: Date }, grant: GrantState): boolean {
  return grant.status === "REVOKED" && grant.endedSessions === false && grant.closedAt !== null && session.startedAt <= grant.closedAt;
}

/** Whether the grant behind a session still lets it run at this instant. */
export function grantHolds(session: { startedAt: Date }, grant: GrantState, at: Date): boolean {
  return (grant.status === "ACTIVE" || letFinishes(session, grant)) && grant.endsAt !== null && grant.endsAt > at;
}

/** Serializes every change to one shop's access: concurrent writers queue here, then re-read. */
export async function lockShop(tx: Tx, organizationId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Organization" WHERE "id" = ${organizationId}::uuid FOR UPDATE`;
}

/** Ends one running session and records who ended it and why; false if it had already ended. */
export async function endOneSession(tx: Tx, session: { id: string; organizationId: string }, by: AuditActor, reason: SessionEndReason): Promise<boolean> {
  if ((await endSessions(tx, { id: session.id }, reason, by.id)) === 0) return false;
  await record(tx, { actor: by, organizationId: session.organizationId, action: "session.ended", target: { type: "session", id: session.id }, details: { reason } });
  return true;
}

/** Ends every running session of a grant (or one session) inside the caller's transaction. */
export async function endSessions(
  tx: Tx,
  where: { grantId?: string; id?: string; organizationId?: string; basis?: SessionBasis },
  reason: SessionEndReason,
  endedById: string | null,
): Promise<number> {
  const { count } = await tx.supportSession.updateMany({
    where: { ...where, endedAt: null },
    data: { endedAt: now(), endReason: reason, endedById },
  });
  return count;
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
      grant: { select: { id: true, kind: true, status: true, scope: true, endsAt: true, closedAt: true, endedSessions: true, organizationId: true } },
      organization: { select: { managedBy: true, partnerCompanyId: true } },
    },
  });
  if (!session || session.operatorId !== viewer.id || session.organizationId !== organizationId) {
    return { ok: false, reason: "NO_SESSION" };
  }
  if (session.endedAt) return { ok: false, reason: session.endReason ?? "NO_SESSION" };

  const t = now();
  // ended by the system, on this request, and recorded with why
  const endHere = (reason: SessionEndReason) => prisma.$transaction((tx) => endOneSession(tx, session, SYSTEM_ACTOR, reason));
  const ownPartner = actsForPartner(viewer, session.organization.partnerCompanyId);
  if (!ownPartner) {
    // the operator changed company, or the shop changed provider, since the session began
    await endHere("ACCESS_CLOSED");
    return { ok: false, reason: "ACCESS_CLOSED" };
  }
  if (session.basis === "MANAGED_BY_PROVIDER") {
    if (session.organization.managedBy !== "SERVICE_PROVIDER") {
      await endHere("ACCESS_CLOSED");
      return { ok: false, reason: "ACCESS_CLOSED" };
    }
  } else {
    const grant = session.grant;
    const finishing = !!grant && letFinishes(session, grant);
    if (!grant || (grant.status !== "ACTIVE" && !finishing)) {
      const reason = grant?.status === "EXPIRED" ? "GRANT_EXPIRED" : "GRANT_REVOKED";
      await endHere(reason);
      return { ok: false, reason };
    }
    if (!grant.endsAt || grant.endsAt <= t) {
      if (finishing) await endHere("GRANT_EXPIRED");
      else await expireGrant(grant.id);
      return { ok: false, reason: "GRANT_EXPIRED" };
    }
  }
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
  const ended = await endSessions(tx, { grantId }, "GRANT_EXPIRED", null);
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
