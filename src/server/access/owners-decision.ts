import "server-only";
import type { Tx } from "@/server/db";
import { formatDuration } from "@/lib/durations";
import { companyNameOf, formatInstant, notify, shopOwners, sideOf } from "./notify";
import type { ShopAccess } from "./shop-access";

/**
 * Every owner was asked (remoteSupportRequested); the others hear which one answered and how, so
 * that none of them still thinks it waits, or misses that the shop's partner may now log in. The
 * one who decided is not told. The side let in is the grant's: its partner company, or the platform.
 */
export async function tellOtherOwnersOfDecision(
  tx: Tx,
  access: ShopAccess,
  grant: { requestedById: string; partnerCompanyId: string | null },
  decision: { kind: "approved"; minutes: number; endsAt: Date } | { kind: "rejected" | "revoked"; reason: string },
): Promise<void> {
  const requester = await tx.user.findUniqueOrThrow({ where: { id: grant.requestedById }, select: { name: true } });
  // the side the grant lets in, whatever company its requester has moved to since
  const company = await companyNameOf(tx, {
    role: grant.partnerCompanyId ? "PARTNER" : "ADMINISTRATOR",
    partnerCompanyId: grant.partnerCompanyId,
  });
  await notify(
    tx,
    await shopOwners(tx, access.organization.id, access.viewer.id),
    "remoteSupportDecidedByOwner",
    (r) => ({
      ownerName: access.viewer.name,
      operatorName: requester.name,
      partnerName: company(r),
      shopName: access.organization.name,
      decision: decision.kind,
      duration: decision.kind === "approved" ? formatDuration(decision.minutes, r.locale) : "",
      until: decision.kind === "approved" ? formatInstant(decision.endsAt, r) : "",
      reason: decision.kind === "approved" ? null : decision.reason,
      side: sideOf(grant),
    }),
    { kind: `remote-support.${decision.kind}`, organizationId: access.organization.id },
  );
}
