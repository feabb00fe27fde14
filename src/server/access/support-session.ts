import "server-only";
import type { AccessScope, MembershipRole, SessionBasis, SessionEndReason } from "@/generated/prisma/enums";
import { prisma } from "@/server/db";
import { now } from "@/server/clock";
import { SYSTEM_ACTOR } from "@/server/audit/record";
import { isUuid } from "@/lib/ids";
import type { Viewer } from "@/server/viewer";
import { mayEnterAsProvider, mayUseGrant } from "./consent";
import { endOneSession } from "./end-sessions";
import { expireGrant } from "./grant-expiry";
import { sessionEndReason, sessionEndsAt, sessionScope } from "./limits";

export interface ActiveSupportSession {
  id: string;
  organizationId: string;
  basis: SessionBasis;
  actingRole: MembershipRole;
  scope: AccessScope;
  startedAt: Date;
  /** when it ends at the latest if it stays in use (limits.ts, sessionEndsAt) */
  endsAt: Date | null;
}

export type SessionCheck =
  { ok: true; session: ActiveSupportSession } | { ok: false; reason: SessionEndReason | "NO_SESSION" };

/**
 * Decides, on every request, whether the operator's support session still holds: it is theirs,
 * for this shop, not ended, and what allowed it still allows it at this instant. A grant whose
 * end has passed is marked expired here and now (no background job needed), and its sessions end.
 * A request in the back office is use, from which the idle limit counts again; `inShop` false is a
 * look from outside it (the console's "you are still inside"), which is not.
 */
export async function checkSupportSession(
  viewer: Viewer,
  organizationId: string,
  sessionId: string | undefined,
  inShop = true,
): Promise<SessionCheck> {
  if (!isUuid(sessionId)) return { ok: false, reason: "NO_SESSION" };
  const session = await prisma.supportSession.findUnique({
    where: { id: sessionId },
    include: {
      grant: {
        select: {
          id: true,
          kind: true,
          status: true,
          scope: true,
          endsAt: true,
          closedAt: true,
          endedSessions: true,
          organizationId: true,
          partnerCompanyId: true,
        },
      },
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
  // A move of the shop or of the operator ends their sessions in its own transaction, with its own
  // reason; one that slipped past it is told the same here. Of a grant we know whose it was, so a
  // grant that is no longer the shop's partner's means the shop moved; of a session entered as the
  // provider we do not, and the operator's own change is the likelier one.
  if (session.basis === "MANAGED_BY_PROVIDER") {
    if (!mayEnterAsProvider(viewer, shop))
      return endHere(shop.managedBy === "SERVICE_PROVIDER" ? "OPERATOR_CHANGED" : "MANAGEMENT_CHANGED");
  } else if (!session.grant) {
    return endHere("GRANT_REVOKED");
  } else if (!mayUseGrant(viewer, session.grant, shop)) {
    const moved = session.grant.partnerCompanyId !== null && session.grant.partnerCompanyId !== shop.partnerCompanyId;
    return endHere(moved ? "PARTNER_CHANGED" : "OPERATOR_CHANGED");
  }
  const why = sessionEndReason(session, session.grant, t);
  if (why === "GRANT_EXPIRED" && session.grant?.status === "ACTIVE") {
    await expireGrant(session.grant.id);
    return { ok: false, reason: why };
  }
  if (why) return endHere(why);
  // the idle limit counts from here
  if (inShop)
    await prisma.supportSession.updateMany({ where: { id: session.id, endedAt: null }, data: { lastSeenAt: t } });
  return {
    ok: true,
    session: {
      id: session.id,
      organizationId: session.organizationId,
      basis: session.basis,
      actingRole: session.actingRole,
      scope: sessionScope(session),
      startedAt: session.startedAt,
      endsAt: sessionEndsAt(session, session.grant),
    },
  };
}
