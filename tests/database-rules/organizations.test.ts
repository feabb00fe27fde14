// Organizations (shops) and the history that hangs on them: the rules PostgreSQL holds by itself.
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { clientService, db, issuerCompany, partnerCompany, shop, user } from "../support/factory";
import { insert, restrict, refusal, unique, UNIQUE_VIOLATION } from "./write";

const organization = (partnerCompanyId: string, customerReference: string) =>
  insert("Organization", {
    name: "Rule",
    nameSearch: "rule",
    url: "https://rule.example",
    customerReference,
    managedBy: "CUSTOMER",
    partnerCompanyId,
  });

describe("Organization_customerReference_lower_key and Organization_customerReference_key: a customer reference is unique whatever its case", () => {
  it("refuses the same reference in any case, and lets a reference that merely starts alike through", async () => {
    const partner = await partnerCompany();
    const org = await shop(partner.id);
    expect(await refusal(organization(partner.id, org.customerReference.toLowerCase()))).toEqual(
      unique("Organization_customerReference_lower_key"),
    );
    expect(await refusal(organization(partner.id, org.customerReference.toUpperCase()))).toEqual(
      unique("Organization_customerReference_lower_key"),
    );
    // the exact duplicate breaks both indexes (the plain one is the schema's @unique); either may answer
    expect((await refusal(organization(partner.id, org.customerReference)))?.code).toBe(UNIQUE_VIOLATION);
    expect(await refusal(organization(partner.id, `${org.customerReference}0`))).toBeUndefined();
  });
});

/** A shop with one grant requested by the operator. */
async function shopWithGrant(partnerCompanyId: string, requestedById: string) {
  const org = await shop(partnerCompanyId);
  await db.accessGrant.create({
    data: {
      kind: "REMOTE_SUPPORT",
      status: "REJECTED",
      organizationId: org.id,
      partnerCompanyId,
      actingRole: "OWNER",
      requestedById,
      requestedAt: new Date(),
    },
  });
  return org;
}

/** A shop managed by the provider with one ended support session of the operator's (no grant). */
async function shopWithSession(partnerCompanyId: string, operatorId: string) {
  const org = await shop(partnerCompanyId, { managedBy: "SERVICE_PROVIDER" });
  const t = new Date();
  await db.supportSession.create({
    data: {
      operatorId,
      organizationId: org.id,
      basis: "MANAGED_BY_PROVIDER",
      actingRole: "OWNER",
      scope: "VIEW_AND_CHANGE",
      reason: "Ticket #12345 checkout",
      startedAt: t,
      endedAt: t,
      endReason: "OPERATOR_ENDED",
    },
  });
  return org;
}

describe("ON DELETE RESTRICT: deleting a shop or an operator never takes the history with it", () => {
  it("refuses deleting a shop that has client services, grants or support sessions, and deletes one that has none", async () => {
    const partner = await partnerCompany();
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const withService = await shop(partner.id);
    await clientService(partner.id, (await issuerCompany()).id, { organizationId: withService.id });
    const withGrant = await shopWithGrant(partner.id, operator.id);
    const withSession = await shopWithSession(partner.id, operator.id);
    const bare = await shop(partner.id);
    await db.membership.create({
      data: { userId: (await user("MERCHANT")).id, organizationId: bare.id, role: "OWNER" },
    });
    const remove = (id: string) => prisma.$executeRawUnsafe(`DELETE FROM "Organization" WHERE "id" = $1`, id);
    expect(await refusal(remove(withService.id))).toEqual(restrict("ClientService_organizationId_fkey"));
    expect(await refusal(remove(withGrant.id))).toEqual(restrict("AccessGrant_organizationId_fkey"));
    expect(await refusal(remove(withSession.id))).toEqual(restrict("SupportSession_organizationId_fkey"));
    expect(await refusal(remove(bare.id))).toBeUndefined(); // memberships go with it
  });

  it("refuses deleting an operator who requested grants or ran support sessions", async () => {
    const partner = await partnerCompany();
    const requester = await user("PARTNER", { partnerCompanyId: partner.id });
    const sessionOperator = await user("PARTNER", { partnerCompanyId: partner.id });
    await shopWithGrant(partner.id, requester.id);
    await shopWithSession(partner.id, sessionOperator.id);
    const bystander = await user("PARTNER", { partnerCompanyId: partner.id });
    const remove = (id: string) => prisma.$executeRawUnsafe(`DELETE FROM "User" WHERE "id" = $1`, id);
    expect(await refusal(remove(requester.id))).toEqual(restrict("AccessGrant_requestedById_fkey"));
    expect(await refusal(remove(sessionOperator.id))).toEqual(restrict("SupportSession_operatorId_fkey"));
    expect(await refusal(remove(bystander.id))).toBeUndefined();
  });
});
