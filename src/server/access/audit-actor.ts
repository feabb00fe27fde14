import "server-only";
import { actorOf } from "@/server/audit/record";
import type { ShopAccess } from "./shop-access";

/** Who to write into the audit log for an action in the back office (and on whose behalf). */
export function auditActorOf(access: ShopAccess) {
  return {
    actor: actorOf(access.viewer),
    supportSession: access.session ? { id: access.session.id, organizationId: access.organization.id } : null,
    organizationId: access.organization.id,
  };
}
