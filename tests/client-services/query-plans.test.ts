import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import type { UserRole } from "@/generated/prisma/enums";
import { parseListFilters } from "@/server/client-services/filters";
import { filterMenuSql, filterMenusSql, filterOptions, listSql } from "@/server/client-services/queries";
import type { Operator } from "@/server/viewer";
import { db } from "../support/factory";

// The console's client-service queries on the distributions that are hard for them, at a size
// where PostgreSQL's planner chooses as it would at a million rows (60,000 services, analyzed):
//   - a big partner whose services all have one issuer (its issuer menu and its list filtered by
//     another issuer must not walk its services);
//   - a small issuer with three services (its partner menu, its list);
//   - a partner and an issuer with no services at all.
// Each query must read ClientService through an index, never a sequential scan.

const BIG = 40_000;
const SPREAD = 20_000;
const ISSUERS = 30;
const PARTNERS = 10;

interface World {
  issuers: string[];
  partners: string[];
  emptyPartner: string;
  emptyIssuer: string;
  smallIssuer: string;
}
let world: World;

const operator = (role: UserRole, company: { partnerCompanyId?: string; issuerCompanyId?: string } = {}): Operator => ({
  id: "00000000-0000-0000-0000-0000000000aa",
  name: "Op",
  email: "op@test.local",
  timeZone: "UTC",
  role: role as Operator["role"],
  partnerCompanyId: company.partnerCompanyId ?? null,
  issuerCompanyId: company.issuerCompanyId ?? null,
});

beforeAll(async () => {
  const ids = async (table: string, count: number, prefix: string) =>
    (
      await db.$queryRawUnsafe<{ id: string }[]>(
        `INSERT INTO "${table}" ("id", "name") SELECT gen_random_uuid(), '${prefix} ' || lpad(g::text, 3, '0') FROM generate_series(1, ${count}) g RETURNING "id"`,
      )
    ).map((r) => r.id);
  const issuers = await ids("IssuerCompany", ISSUERS, "Issuer");
  const partners = await ids("PartnerCompany", PARTNERS, "Partner");
  const [emptyPartner] = await ids("PartnerCompany", 1, "Empty partner");
  const [emptyIssuer] = await ids("IssuerCompany", 1, "Empty issuer");
  const [smallIssuer] = await ids("IssuerCompany", 1, "Small issuer");
  // one shop per partner carries its services
  await db.$executeRawUnsafe(`
    INSERT INTO "Organization" ("id", "name", "nameSearch", "url", "customerReference", "managedBy", "partnerCompanyId")
    SELECT gen_random_uuid(), 'Shop ' || p."name", lower('Shop ' || p."name"), 'https://shop.example', 'CR-PLAN-' || p."id", 'CUSTOMER', p."id"
    FROM "PartnerCompany" p`);
  const insert = (partner: string, issuerSql: string, count: number) =>
    db.$executeRawUnsafe(`
      INSERT INTO "ClientService" ("id", "alias", "issuerCompanyId", "partnerCompanyId", "organizationId", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), 'Service ' || g, ${issuerSql}, p."id", o."id", now() - g * interval '1 minute', now()
      FROM generate_series(1, ${count}) g, "PartnerCompany" p JOIN "Organization" o ON o."partnerCompanyId" = p."id"
      WHERE p."id" = '${partner}'`);
  // the big partner: all of one issuer
  await insert(partners[0]!, `'${issuers[0]}'::uuid`, BIG);
  // the others: spread over every issuer but the small and the empty one
  const issuerList = `ARRAY[${issuers.map((id) => `'${id}'::uuid`).join(",")}]`;
  for (const partner of partners.slice(1))
    await insert(partner, `(${issuerList})[1 + (g % ${ISSUERS})]`, SPREAD / (PARTNERS - 1));
  await insert(partners[1]!, `'${smallIssuer}'::uuid`, 3);
  await db.$executeRawUnsafe(
    `ANALYZE "ClientService"; ANALYZE "IssuerCompany"; ANALYZE "PartnerCompany"; ANALYZE "Organization"`,
  );
  world = { issuers, partners, emptyPartner: emptyPartner!, emptyIssuer: emptyIssuer!, smallIssuer: smallIssuer! };
}, 120_000);

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

async function plan(sql: Prisma.Sql): Promise<PlanNode[]> {
  const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`);
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node);
    node.Plans?.forEach(walk);
  };
  walk(row!["QUERY PLAN"][0].Plan);
  return nodes;
}

/** How the plan reads ClientService: the scans on it, by node type and index. */
async function serviceScans(sql: Prisma.Sql): Promise<string[]> {
  return (await plan(sql))
    .filter((node) => node["Relation Name"] === "ClientService")
    .map((node) => `${node["Node Type"]}${node["Index Name"] ? ` ${node["Index Name"]}` : ""}`);
}

const PAIR_INDEX = "ClientService_partnerCompanyId_issuerCompanyId_createdAt_id_idx";
const REVERSE_PAIR_INDEX = "ClientService_issuerCompanyId_partnerCompanyId_createdAt_id_idx";

describe("the filter menus", () => {
  it("offer what each viewer may filter by, on the hard distributions", async () => {
    const names = async (op: Operator) => {
      const { issuers, partners } = await filterOptions(op);
      return { issuers: issuers.map((c) => c.id).sort(), partners: partners.map((c) => c.id).sort() };
    };
    const big = operator("PARTNER", { partnerCompanyId: world.partners[0] });
    expect(await names(big)).toEqual({ issuers: [world.issuers[0]], partners: [world.partners[0]] });
    expect(await names(operator("PARTNER", { partnerCompanyId: world.emptyPartner }))).toEqual({
      issuers: [],
      partners: [world.emptyPartner],
    });
    expect(await names(operator("ISSUER", { issuerCompanyId: world.smallIssuer }))).toEqual({
      issuers: [world.smallIssuer],
      partners: [world.partners[1]],
    });
    expect(await names(operator("ISSUER", { issuerCompanyId: world.emptyIssuer }))).toEqual({
      issuers: [world.emptyIssuer],
      partners: [],
    });
    const all = await names(operator("ADMINISTRATOR"));
    expect([all.issuers.length, all.partners.length]).toEqual([ISSUERS + 2, PARTNERS + 1]);
  });

  it("walk the (partner, issuer) indexes, never scan the services", async () => {
    const cases: Array<[Operator, "issuers" | "partners", string]> = [
      [operator("PARTNER", { partnerCompanyId: world.partners[0] }), "issuers", PAIR_INDEX],
      [operator("PARTNER", { partnerCompanyId: world.emptyPartner }), "issuers", PAIR_INDEX],
      [operator("ISSUER", { issuerCompanyId: world.smallIssuer }), "partners", REVERSE_PAIR_INDEX],
      [operator("ISSUER", { issuerCompanyId: world.issuers[0] }), "partners", REVERSE_PAIR_INDEX],
    ];
    for (const [op, menu, index] of cases) {
      // the menu alone, and both menus as the page asks for them
      for (const sql of [filterMenuSql(op, menu), filterMenusSql(op)]) {
        const scans = await serviceScans(sql);
        expect(scans.length, `${op.role} ${menu}`).toBeGreaterThan(0);
        expect(new Set(scans), `${op.role} ${menu}`).toEqual(new Set([`Index Only Scan ${index}`]));
      }
    }
  });
});

describe("the list", () => {
  it("reads the services through an index for every role and filter on the hard distributions", async () => {
    const big = operator("PARTNER", { partnerCompanyId: world.partners[0] });
    const small = operator("ISSUER", { issuerCompanyId: world.smallIssuer });
    const admin = operator("ADMINISTRATOR");
    const cases: Array<[string, Operator, Record<string, string>]> = [
      ["administrator, page 1", admin, {}],
      ["administrator, one issuer and one partner", admin, { issuer: world.smallIssuer, partner: world.partners[1]! }],
      ["big partner, page 1", big, {}],
      ["big partner, an issuer it has none of", big, { issuer: world.issuers[5]! }],
      ["big partner, suspended only", big, { status: "SUSPENDED" }],
      ["small issuer, page 1", small, {}],
      ["small issuer, one partner", small, { partner: world.partners[1]! }],
      ["empty partner, page 1", operator("PARTNER", { partnerCompanyId: world.emptyPartner }), {}],
    ];
    for (const [label, op, params] of cases) {
      const scans = await serviceScans(listSql(op, parseListFilters(params)).sql);
      expect(scans.length, label).toBeGreaterThan(0);
      // a bitmap heap scan reads the rows a bitmap index scan found
      expect(
        scans.filter((scan) => !/^(Index (Only )?Scan |Bitmap Heap Scan$)/.test(scan)),
        label,
      ).toEqual([]);
    }
  });
});
