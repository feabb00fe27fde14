import "server-only";
import { cache } from "react";
import { isUuid } from "@/lib/ids";
import { prisma } from "@/server/db";
import { inTenancy } from "@/server/tenancy";
import type { Operator } from "@/server/viewer";

/**
 * The client service if this operator may see it: administrators all, partners their partner's,
 * issuers their issuer's. Tenancy is read from the record, never from the request. Once per
 * render: a page and its title ask the same.
 */
export const findServiceFor = cache(async (operator: Operator, serviceId: string) => {
  if (!isUuid(serviceId)) return null;
  const service = await prisma.clientService.findUnique({
    where: { id: serviceId },
    include: {
      issuerCompany: { select: { id: true, name: true } },
      partnerCompany: { select: { id: true, name: true } },
      organization: { select: { id: true, name: true } },
      certificate: true,
    },
  });
  return service && inTenancy(operator, service) ? service : null;
});

/** Partners change their own partner's services; administrators any; issuers none. */
export function mayChangeService(operator: Operator, service: { partnerCompanyId: string }): boolean {
  // the partner's side only: an issuer sees its services but changes none
  return inTenancy(operator, { partnerCompanyId: service.partnerCompanyId });
}
