import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { prisma, selectRows } from "@/server/db";
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
export async function storefrontStatus(access: ShopAccess) {
  const [row] = await selectRows<{ storefrontOpen: boolean; closedMessage: string | null }>(
    Prisma.sql`SELECT "storefrontOpen", "closedMessage" FROM "Organization" WHERE "id" = ${access.organization.id}::uuid`,
  );
  // the access was read this request: only a shop deleted since leaves no row
  if (!row) throw new Error(`shop ${access.organization.id} not found`);
  return row;
}
