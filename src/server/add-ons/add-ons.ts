import "server-only";
import { prisma } from "@/server/db";
import { now } from "@/server/clock";
import { record } from "@/server/audit/record";
import { UserError } from "@/server/user-error";
import { auditActorOf } from "@/server/access/audit-actor";
import type { ShopAccess } from "@/server/access/shop-access";
import { holdShopForWrite } from "@/server/access/hold-shop";
import { holdServiceForWrite } from "@/server/client-services/hold-service";

/** The shop's client services with their add-ons in use, for the back office's Services page. */
export async function shopServices(organizationId: string) {
  const [services, products] = await Promise.all([
    prisma.clientService.findMany({
      where: { organizationId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        alias: true,
        status: true,
        createdAt: true,
        addOns: { where: { removedAt: null }, select: { id: true, productCode: true, addedAt: true } },
      },
    }),
    prisma.addOnProduct.findMany({ orderBy: { position: "asc" } }),
  ]);
  return { services, products: products.map((p) => p.code) };
}

/**
 * Add-ons are for customers only (the seed: "Reseller is unable to extend customer's service with
 * add-ons"): the permission never holds in a support session, and only to an active service of
 * the shop, one of each product at a time.
 */
export async function addAddOn(access: ShopAccess, serviceId: string, productCode: string) {
  return prisma.$transaction(async (tx) => {
    await holdShopForWrite(tx, access, "addons.manage");
    const service = await tx.clientService.findFirst({
      where: { id: serviceId, organizationId: access.organization.id },
      select: { id: true },
    });
    if (!service) throw new UserError("errors.notFound");
    if ((await holdServiceForWrite(tx, service.id)).status !== "ACTIVE")
      throw new UserError("shop.services.errors.notActive");
    if (!(await tx.addOnProduct.findUnique({ where: { code: productCode } })))
      throw new UserError("errors.invalidField");
    if (await tx.serviceAddOn.findFirst({ where: { clientServiceId: service.id, productCode, removedAt: null } }))
      throw new UserError("shop.services.errors.already");
    const addOn = await tx.serviceAddOn.create({
      data: { clientServiceId: service.id, productCode, addedById: access.viewer.id },
    });
    await record(tx, {
      ...auditActorOf(access),
      action: "add-on.added",
      target: { type: "client-service", id: service.id },
      details: { productCode },
    });
    return { addOnId: addOn.id };
  });
}

export async function removeAddOn(access: ShopAccess, addOnId: string) {
  await prisma.$transaction(async (tx) => {
    await holdShopForWrite(tx, access, "addons.manage");
    const addOn = await tx.serviceAddOn.findFirst({
      where: { id: addOnId, clientService: { organizationId: access.organization.id } },
    });
    if (!addOn) throw new UserError("errors.notFound");
    // a cancelled service's add-ons ended with it: the page that offered this is out of date
    await holdServiceForWrite(tx, addOn.clientServiceId);
    if (addOn.removedAt) throw new UserError("errors.notFound");
    const { count } = await tx.serviceAddOn.updateMany({
      where: { id: addOn.id, removedAt: null },
      data: { removedAt: now(), removedById: access.viewer.id },
    });
    if (count === 0) throw new UserError("errors.notFound");
    await record(tx, {
      ...auditActorOf(access),
      action: "add-on.removed",
      target: { type: "client-service", id: addOn.clientServiceId },
      details: { productCode: addOn.productCode },
    });
  });
}
