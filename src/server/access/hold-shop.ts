import "server-only";
import type { MessageKey } from "@/i18n/keys";
import { shopCan, type ShopPermissionName } from "@/server/authz";
import type { Tx } from "@/server/db";
import { now } from "@/server/clock";
import { UserError } from "@/server/user-error";
import { sessionEndReason, sessionScope } from "./limits";
import { lockShop } from "./shop-lock";
import type { ShopAccess } from "./shop-access";

/**
 * Inside the transaction of a change to a shop: locks the shop, as every change to it does, and
 * checks the permission again with what holds now. The action checked it before, but a request
 * that waited for the lock behind another may find that other changed it: a merchant demoted or
 * removed by another owner, a support session ended by "End them now" or narrowed to "view only".
 * Such a change is refused rather than made on a right that is gone.
 */
export async function holdShopForWrite(
  tx: Tx,
  access: ShopAccess,
  permission: ShopPermissionName,
  refusal: MessageKey = "errors.forbidden",
): Promise<void> {
  await lockShop(tx, access.organization.id);
  if (!access.session) {
    const own = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: access.viewer.id, organizationId: access.organization.id } },
      select: { role: true },
    });
    if (!own || !shopCan(own.role, permission)) throw new UserError(refusal);
    return;
  }
  const session = await tx.supportSession.findUnique({
    where: { id: access.session.id },
    select: {
      endedAt: true,
      basis: true,
      startedAt: true,
      lastSeenAt: true,
      scope: true,
      grant: { select: { status: true, endsAt: true, closedAt: true, endedSessions: true, scope: true } },
    },
  });
  if (!session || session.endedAt || sessionEndReason(session, session.grant, now()) !== null)
    throw new UserError("errors.sessionEnded");
  if (!shopCan(access.role, permission, { scope: sessionScope(session) })) throw new UserError(refusal);
}
