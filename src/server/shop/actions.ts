"use server";
import { z } from "zod";
import { messageKey } from "@/i18n/keys";
import { shopAction } from "@/server/action";
import { auditActorOf } from "@/server/access/audit-actor";
import { holdShopForWrite } from "@/server/access/hold-shop";
import { companyNameOf, notify, shopOwners } from "@/server/access/notify";
import { record } from "@/server/audit/record";
import { prisma } from "@/server/db";
import { multiLine } from "@/lib/text";

const schema = z.object({
  shopId: z.uuid(),
  storefrontOpen: z.enum(["yes", "no"], messageKey("errors.required")),
  closedMessage: multiLine({ max: 300, tooLong: "shop.storefront.errors.messageTooLong" }).optional().default(""),
});

/** Settings >> General Settings >> Status: open or close the shop to its customers. */
export const saveStorefrontStatusAction = shopAction(
  { schema, permission: "shop.change", revalidate: "/shop/[shopId]" },
  async (input, { access }) => {
    const open = input.storefrontOpen === "yes";
    await prisma.$transaction(async (tx) => {
      await holdShopForWrite(tx, access, "shop.change");
      const before = await tx.organization.findUniqueOrThrow({
        where: { id: access.organization.id },
        select: { storefrontOpen: true, closedMessage: true },
      });
      const closedMessage = open ? null : input.closedMessage || null;
      // saving what is already there changes nothing, and the shop's history says nothing happened
      if (before.storefrontOpen === open && before.closedMessage === closedMessage) return;
      await tx.organization.update({
        where: { id: access.organization.id },
        data: { storefrontOpen: open, closedMessage },
      });
      await record(tx, {
        ...auditActorOf(access),
        action: "shop.status-changed",
        target: { type: "shop", id: access.organization.id },
        details: { open, previouslyOpen: before.storefrontOpen, ...(open ? {} : { message: input.closedMessage }) },
      });
      // support opening or closing the shop for its customers is news to every owner; an owner's own change is not
      if (access.session) {
        const company = await companyNameOf(tx, access.viewer);
        await notify(
          tx,
          await shopOwners(tx, access.organization.id),
          "storefrontChangedInSession",
          (r) => ({
            operatorName: access.viewer.name,
            partnerName: company(r),
            shopName: access.organization.name,
            // closed before and after: what changed is the message customers read
            open: open ? "yes" : before.storefrontOpen ? "no" : "message",
            message: closedMessage,
          }),
          { kind: "shop.status-changed", organizationId: access.organization.id },
        );
      }
    });
    return { open };
  },
);
