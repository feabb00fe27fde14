import "server-only";
import { prisma } from "@/server/db";
import type { ShopAccess } from "@/server/access/shop-access";

// Both take the access the page's choke point (requireShopPage) returned, so only a viewer let
// into this shop can ask, and the shop id comes from that access, never from the URL alone.

/** The dashboard's facts about the shop. */
export function shopFacts(access: ShopAccess) {
  return prisma.organization.findUniqueOrThrow({
    where: { id: access.organization.id },
    select: {
      name: true,
      url: true,
      customerReference: true,
      number: true,
      managedBy: true,
      partnerCompany: { select: { name: true } },
    },
  });
}

/** Settings >> General Settings >> Status: whether customers can shop, and what they read when not. */
export function storefrontStatus(access: ShopAccess) {
  return prisma.organization.findUniqueOrThrow({
    where: { id: access.organization.id },
    select: { storefrontOpen: true, closedMessage: true },
  });
}
