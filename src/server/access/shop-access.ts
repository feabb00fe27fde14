import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { ManagedBy, MembershipRole } from "@/generated/prisma/enums";
import { shopCan, type ShopPermissionName } from "@/server/authz";
import { auditActorOf } from "./audit-actor";
import { record } from "@/server/audit/record";
import { Prisma } from "@/generated/prisma/client";
import { prisma, selectRows } from "@/server/db";
import { isOperator, requireViewer, type Viewer } from "@/server/viewer";
import { isUuid } from "@/lib/ids";
import { checkSupportSession, type ActiveSupportSession } from "./support-session";
import { supportSessionCookie } from "./session-cookie";

export interface ShopAccess {
  viewer: Viewer;
  organization: { id: string; name: string; managedBy: ManagedBy; partnerCompanyId: string; timeZone: string };
  /** the membership role the viewer holds, or acts as inside a support session */
  role: MembershipRole;
  /** set when the viewer is an operator inside a support session */
  session: ActiveSupportSession | null;
}

export type ShopAccessResult =
  { ok: true; access: ShopAccess } | { ok: false; reason: "NOT_FOUND" | "SESSION_ENDED"; sessionEndReason?: string };

/**
 * Who may be in a shop's back office: its members, and operators whose support session for this
 * shop still holds. Decided from the session and the records, never from what the browser sent
 * beyond the shop id.
 */
export async function resolveShopAccess(
  viewer: Viewer,
  shopId: string,
  supportSessionId: string | undefined,
): Promise<ShopAccessResult> {
  if (!isUuid(shopId)) return { ok: false, reason: "NOT_FOUND" };
  // the shop and the viewer's membership of it in one statement: every back-office page asks it
  const [found] = await selectRows<ShopAccess["organization"] & { memberRole: MembershipRole | null }>(Prisma.sql`
    SELECT o."id", o."name", o."managedBy"::text AS "managedBy", o."partnerCompanyId", o."timeZone",
      m."role"::text AS "memberRole"
    FROM "Organization" o
    LEFT JOIN "Membership" m ON m."organizationId" = o."id" AND m."userId" = ${viewer.id}::uuid
    WHERE o."id" = ${shopId}::uuid`);
  if (!found) return { ok: false, reason: "NOT_FOUND" };
  const { memberRole, ...organization } = found;

  if (!isOperator(viewer)) {
    if (!memberRole) return { ok: false, reason: "NOT_FOUND" };
    return { ok: true, access: { viewer, organization, role: memberRole, session: null } };
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

/** The back-office pages, as Support activity names them. */
export type ShopPage = "dashboard" | "status" | "services" | "members" | "remote-support" | "support-activity";

/**
 * For back-office pages: the viewer's access, and, inside a support session, the page recorded
 * in the audit ("operator X looked at Status on behalf of shop Y"), so the merchant sees what
 * support looked at, not only what it changed.
 */
export async function requireShopPage(shopId: string, page: ShopPage): Promise<ShopAccess> {
  const access = await requireShopAccess(shopId);
  if (access.session) await recordSupportRead(access, "session.page-viewed", page);
  return access;
}

/** Records a read in the shop's audit: a page a support session opened, an export of its history. */
export async function recordSupportRead(
  access: ShopAccess,
  action: "session.page-viewed" | "audit.exported",
  page: ShopPage,
): Promise<void> {
  await prisma.$transaction((tx) =>
    record(tx, {
      ...auditActorOf(access),
      action,
      target: access.session ? { type: "session", id: access.session.id } : undefined,
      details: { page: `page.${page}` },
    }),
  );
}
