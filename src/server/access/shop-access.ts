import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { ManagedBy, MembershipRole } from "@/generated/prisma/enums";
import { shopCan, type ShopPermissionName } from "@/server/authz";
import { actorOf } from "@/server/audit/record";
import { prisma } from "@/server/db";
import { isOperator, requireViewer, type Viewer } from "@/server/viewer";
import { isUuid } from "@/lib/ids";
import { checkSupportSession, supportSessionCookie, type ActiveSupportSession } from "./support-session";

export interface ShopAccess {
  viewer: Viewer;
  organization: { id: string; name: string; managedBy: ManagedBy; partnerCompanyId: string; timeZone: string };
  /** the membership role the viewer holds, or acts as inside a support session */
  role: MembershipRole;
  /** set when the viewer is an operator inside a support session */
  session: ActiveSupportSession | null;
}

export type ShopAccessResult =
  | { ok: true; access: ShopAccess }
  | { ok: false; reason: "NOT_FOUND" | "SESSION_ENDED"; sessionEndReason?: string };


/**
 * Who may be in a shop's back office: its members, and operators whose support session for this
 * shop still holds. Decided from the session and the records, never from what the browser sent
 * beyond the shop id.
 */
export async function resolveShopAccess(viewer: Viewer, shopId: string, supportSessionId: string | undefined): Promise<ShopAccessResult> {
  if (!isUuid(shopId)) return { ok: false, reason: "NOT_FOUND" };
  const organization = await prisma.organization.findUnique({
    where: { id: shopId },
    select: { id: true, name: true, managedBy: true, partnerCompanyId: true, timeZone: true },
  });
  if (!organization) return { ok: false, reason: "NOT_FOUND" };

  if (!isOperator(viewer)) {
    const membership = await prisma.membership.findUnique({
      where: { userId_organizationId: { userId: viewer.id, organizationId: shopId } },
      select: { role: true },
    });
    if (!membership) return { ok: false, reason: "NOT_FOUND" };
    return { ok: true, access: { viewer, organization, role: membership.role, session: null } };
  }

  const check = await checkSupportSession(viewer, shopId, supportSessionId);
  if (!check.ok) {
    return check.reason === "NO_SESSION"
      ? { ok: false, reason: "NOT_FOUND" }
      : { ok: false, reason: "SESSION_ENDED", sessionEndReason: check.reason };
  }
  return { ok: true, access: { viewer, organization, role: check.session.actingRole, session: check.session } };
}

export function canInShop(access: ShopAccess, permission: ShopPermissionName): boolean {
  return shopCan(access.role, permission, access.session ?? undefined);
}

/** For back-office pages: the viewer's access to this shop, once per request. */
export const requireShopAccess = cache(async (shopId: string): Promise<ShopAccess> => {
  const viewer = await requireViewer();
  const jar = await cookies();
  const result = await resolveShopAccess(viewer, shopId, jar.get(supportSessionCookie())?.value);
  if (result.ok) return result.access;
  if (result.reason === "SESSION_ENDED") redirect(`/console?ended=${result.sessionEndReason}`);
  notFound();
});

/** Who to write into the audit log for an action in the back office (and on whose behalf). */
export function auditActorOf(access: ShopAccess) {
  return {
    actor: actorOf(access.viewer),
    supportSession: access.session ? { id: access.session.id, organizationId: access.organization.id } : null,
    organizationId: access.organization.id,
  };
}
