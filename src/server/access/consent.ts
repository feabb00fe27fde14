import "server-only";
import type { GrantKind, ManagedBy } from "@/generated/prisma/enums";
import { inTenancy } from "@/server/tenancy";
import type { Viewer } from "@/server/viewer";

type Who = Pick<Viewer, "role" | "partnerCompanyId" | "issuerCompanyId">;

/**
 * Consent belongs to whom it was given to. A remote-support request names its grantee: the
 * requesting operator's partner company, or, for an administrator, the platform (null). Only
 * that grantee's people may use what the owner approves.
 */
export function granteeOf(viewer: Who): { partnerCompanyId: string | null } | null {
  if (viewer.role === "ADMINISTRATOR") return { partnerCompanyId: null };
  if (viewer.role === "PARTNER" && viewer.partnerCompanyId) return { partnerCompanyId: viewer.partnerCompanyId };
  return null;
}

/**
 * Whether a grant lets this operator in: the merchant's own service access lets in the shop's
 * partner's operators and the platform's administrators; a remote-support grant only its grantee,
 * and only while the shop is theirs: a shop moved to another partner is no longer the former
 * partner's to enter, whatever its owner approved before the move.
 */
export function mayUseGrant(
  viewer: Who,
  grant: { kind: GrantKind; partnerCompanyId: string | null },
  shop: { partnerCompanyId: string },
): boolean {
  if (grant.kind === "SERVICE_ACCESS") {
    // the shop's own tenancy (src/server/tenancy.ts): no issuer company owns a shop
    return grant.partnerCompanyId === shop.partnerCompanyId && inTenancy(viewer, shop);
  }
  const grantee = granteeOf(viewer);
  return grantee !== null && grantee.partnerCompanyId === grant.partnerCompanyId && inTenancy(viewer, shop);
}

/** "Log in to support" as Owner on a shop its provider manages: that provider's operators only. */
export function mayEnterAsProvider(viewer: Who, shop: { managedBy: ManagedBy; partnerCompanyId: string }): boolean {
  return shop.managedBy === "SERVICE_PROVIDER" && viewer.role === "PARTNER" && inTenancy(viewer, shop);
}
