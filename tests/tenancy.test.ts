import { describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import type { UserRole } from "@/generated/prisma/enums";
import { inTenancy, tenancySql, tenancyWhere } from "@/server/tenancy";
import { clientService, db, issuerCompany, partnerCompany, shop, user } from "./support/factory";

// The console's tenancy rule, rendered three ways (a check on a loaded record, a Prisma WHERE
// fragment, SQL), must say the same thing for every kind of operator and every kind of record.

type Who = { role: UserRole; partnerCompanyId: string | null; issuerCompanyId: string | null };

async function world() {
  const [north, south] = [await partnerCompany(), await partnerCompany()];
  const [trust, globe] = [await issuerCompany(), await issuerCompany()];
  const shops = { north: await shop(north.id), south: await shop(south.id) };
  const services = {
    northTrust: await clientService(north.id, trust.id, { organizationId: shops.north.id }),
    northGlobe: await clientService(north.id, globe.id, { organizationId: shops.north.id }),
    southTrust: await clientService(south.id, trust.id, { organizationId: shops.south.id }),
    southGlobe: await clientService(south.id, globe.id, { organizationId: shops.south.id }),
  };
  const requester = await user("ADMINISTRATOR");
  const grant = (organizationId: string, partnerCompanyId: string) =>
    db.accessGrant.create({
      data: {
        kind: "SERVICE_ACCESS",
        status: "ACTIVE",
        organizationId,
        partnerCompanyId,
        scope: "VIEW_ONLY",
        actingRole: "SUPER_ADMIN",
        requestedById: requester.id,
        requestedAt: new Date(),
        startsAt: new Date(),
        endsAt: new Date(Date.now() + 3600_000),
      },
    });
  const grants = { north: await grant(shops.north.id, north.id), south: await grant(shops.south.id, south.id) };
  const who = (role: UserRole, company: Partial<Who> = {}): Who => ({
    role,
    partnerCompanyId: null,
    issuerCompanyId: null,
    ...company,
  });
  return {
    shops,
    services,
    grants,
    operators: {
      administrator: who("ADMINISTRATOR"),
      northPartner: who("PARTNER", { partnerCompanyId: north.id }),
      trustIssuer: who("ISSUER", { issuerCompanyId: trust.id }),
      partnerWithoutCompany: who("PARTNER"),
      issuerWithoutCompany: who("ISSUER"),
      // never an operator, but should one reach the rule it sees nothing
      merchant: who("MERCHANT", { partnerCompanyId: north.id }),
    },
  };
}

type World = Awaited<ReturnType<typeof world>>;
type Seen = { shops: string[]; services: string[]; grants: string[] };

/** What each operator may see, written out by hand from the rule. */
function expected(w: World): Record<keyof World["operators"], Seen> {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
  const nothing = { shops: [], services: [], grants: [] };
  return {
    administrator: {
      shops: ids(Object.values(w.shops)),
      services: ids(Object.values(w.services)),
      grants: ids(Object.values(w.grants)),
    },
    northPartner: {
      shops: ids([w.shops.north]),
      services: ids([w.services.northTrust, w.services.northGlobe]),
      grants: ids([w.grants.north]),
    },
    // issuers see the services they issue, and no shop or grant: a partner company owns those
    trustIssuer: { shops: [], services: ids([w.services.northTrust, w.services.southTrust]), grants: [] },
    partnerWithoutCompany: nothing,
    issuerWithoutCompany: nothing,
    merchant: nothing,
  };
}

async function seenThrough(w: World, operator: Who): Promise<{ check: Seen; where: Seen; sql: Seen }> {
  const shopIds = Object.values(w.shops).map((s) => s.id);
  const serviceIds = Object.values(w.services).map((s) => s.id);
  const grantIds = Object.values(w.grants).map((g) => g.id);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
  const [shops, services, grants] = [
    await db.organization.findMany({ where: { id: { in: shopIds } } }),
    await db.clientService.findMany({ where: { id: { in: serviceIds } } }),
    await db.accessGrant.findMany({ where: { id: { in: grantIds } } }),
  ];
  const uuids = (list: string[]) => Prisma.join(list.map((id) => Prisma.sql`${id}::uuid`));
  return {
    check: {
      shops: ids(shops.filter((s) => inTenancy(operator, s))),
      services: ids(services.filter((s) => inTenancy(operator, s))),
      grants: ids(grants.filter((g) => inTenancy(operator, g))),
    },
    where: {
      shops: ids(
        await db.organization.findMany({
          where: { id: { in: shopIds }, ...tenancyWhere(operator, ["partnerCompanyId"]) },
        }),
      ),
      services: ids(
        await db.clientService.findMany({
          where: { id: { in: serviceIds }, ...tenancyWhere(operator, ["partnerCompanyId", "issuerCompanyId"]) },
        }),
      ),
      grants: ids(
        await db.accessGrant.findMany({
          where: { id: { in: grantIds }, ...tenancyWhere(operator, ["partnerCompanyId"]) },
        }),
      ),
    },
    sql: {
      shops: ids(
        await db.$queryRaw<
          { id: string }[]
        >`SELECT o."id" FROM "Organization" o WHERE o."id" IN (${uuids(shopIds)}) AND ${tenancySql(operator, "o", ["partnerCompanyId"])}`,
      ),
      services: ids(
        await db.$queryRaw<
          { id: string }[]
        >`SELECT cs."id" FROM "ClientService" cs WHERE cs."id" IN (${uuids(serviceIds)}) AND ${tenancySql(operator, "cs", ["partnerCompanyId", "issuerCompanyId"])}`,
      ),
      grants: ids(
        await db.$queryRaw<
          { id: string }[]
        >`SELECT g."id" FROM "AccessGrant" g WHERE g."id" IN (${uuids(grantIds)}) AND ${tenancySql(operator, "g", ["partnerCompanyId"])}`,
      ),
    },
  };
}

describe("console tenancy", () => {
  it("lets administrators see all, partners their partner company's, issuers their issuer company's, anyone else nothing, whichever way it is asked", async () => {
    const w = await world();
    const want = expected(w);
    for (const [name, operator] of Object.entries(w.operators) as [keyof World["operators"], Who][]) {
      const seen = await seenThrough(w, operator);
      expect(seen.check, `${name}, checked on the record`).toEqual(want[name]);
      expect(seen.where, `${name}, as a Prisma filter`).toEqual(want[name]);
      expect(seen.sql, `${name}, as SQL`).toEqual(want[name]);
    }
  });

  it("writes no table alias into SQL that is not a plain name", () => {
    const administrator: Who = { role: "ADMINISTRATOR", partnerCompanyId: null, issuerCompanyId: null };
    expect(() => tenancySql(administrator, `o"; DROP TABLE "User"; --`, ["partnerCompanyId"])).toThrow();
  });
});
