import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import type { UserRole } from "@/generated/prisma/enums";
import { parseListFilters } from "@/server/client-services/filters";
import {
  FEW_MATCHES,
  filterMenuSql,
  filterMenusSql,
  filterOptions,
  listClientServices,
  listSql,
  pageRows,
  WALK_ROWS,
  type ListStep,
} from "@/server/client-services/queries";
import { BITMAP_SCANS_ONLY, plansOff, selectRows } from "@/server/db";
import type { Operator } from "@/server/viewer";
import { db } from "../support/factory";

// The console's client-service queries on the distributions that are hard for them, at a size
// where PostgreSQL's planner chooses as it would at a million rows (60,000 services, analyzed):
//   - a big partner whose services all have one issuer (its issuer menu and its list filtered by
//     another issuer must not walk its services);
//   - a small issuer with three services (its partner menu, its list);
//   - a partner and an issuer with no services at all.
// Each query must read ClientService through an index, never a sequential scan. The spread
// partners' services have certificates, more than FEW_MATCHES of them with "example" in the
// subject; the big partner's ten oldest have them too, and one spread service's certificate alone
// holds "zeppelin".

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
  // the spread partners' services: half active in German, half pending in English, so that
  // "pending in German" is common in each part and matches nothing
  await db.$executeRawUnsafe(`
    UPDATE "ClientService" SET "status" = 'ACTIVE', "configLanguage" = 'DE'
    WHERE "partnerCompanyId" <> '${partners[0]}' AND "alias" ~ '[02468]$'`);
  // each certificate has its service's id; written first, so that the services' search text,
  // which the database writes, finds them
  const certified = `"partnerCompanyId" <> '${partners[0]}' OR "id" IN (
    SELECT "id" FROM "ClientService" WHERE "partnerCompanyId" = '${partners[0]}' ORDER BY "createdAt" LIMIT 10)`;
  await db.$executeRawUnsafe(`
    INSERT INTO "Certificate" ("id", "subject", "serialNumber", "validFrom", "validTo", "issuerCompanyId")
    SELECT cs."id",
      CASE WHEN cs."partnerCompanyId" = '${partners[2]}' AND cs."alias" = 'Service 2000' THEN 'CN=zeppelin.example'
        ELSE 'CN=' || replace(lower(cs."alias"), ' ', '-') || '.example' END,
      'PLAN-' || lpad((row_number() OVER (ORDER BY cs."createdAt", cs."id"))::text, 6, '0'), now(), now() + interval '1 year',
      cs."issuerCompanyId"
    FROM "ClientService" cs WHERE ${certified}`);
  await db.$executeRawUnsafe(`UPDATE "ClientService" SET "certificateId" = "id" WHERE ${certified}`);
  await db.$executeRawUnsafe(
    `ANALYZE "ClientService"; ANALYZE "Certificate"; ANALYZE "IssuerCompany"; ANALYZE "PartnerCompany"; ANALYZE "Organization"`,
  );
  world = { issuers, partners, emptyPartner: emptyPartner!, emptyIssuer: emptyIssuer!, smallIssuer: smallIssuer! };
}, 120_000);

interface PlanNode {
  "Node Type": string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
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
      ["big partner, a search", big, { q: "example" }],
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
    // the search's text is the service's own: no certificate is read
    const searched = await plan(listSql(big, parseListFilters({ q: "example" })).sql);
    expect(searched.filter((node) => node["Relation Name"] === "Certificate")).toEqual([]);
  });
});

/** How many services a step of the list reads (found and thrown away), run as the list runs it. */
async function servicesRead(sql: Prisma.Sql, step: ListStep): Promise<number> {
  const off = step === "collect" ? plansOff(BITMAP_SCANS_ONLY) : "";
  const [, row] = await db.$transaction([
    db.$executeRawUnsafe(`SELECT 1; ${off}`),
    db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`),
  ]);
  let read = 0;
  const walk = (node: PlanNode) => {
    if (node["Relation Name"] === "ClientService")
      read +=
        ((node["Actual Rows"] ?? 0) +
          (node["Rows Removed by Filter"] ?? 0) +
          (node["Rows Removed by Index Recheck"] ?? 0)) *
        (node["Actual Loops"] ?? 1);
    node.Plans?.forEach(walk);
  };
  walk(row[0]!["QUERY PLAN"][0].Plan);
  return read;
}

describe("a filtered page whose matches are few", () => {
  it("reads a bounded number of services, where walking the order's index reads them all", async () => {
    const admin = operator("ADMINISTRATOR");
    // pending and German are each common, and never together: PostgreSQL's estimates take them
    // for independent, so the plain walk reads every service by name looking for them
    const rare = parseListFilters({ status: "PENDING", lang: "DE", sort: "alias" });
    expect(await servicesRead(listSql(admin, rare).sql, "walk")).toBeGreaterThan(BIG);
    const cases: Array<[string, Operator, Record<string, string>]> = [
      ["administrator, pending in German, by name", admin, { status: "PENDING", lang: "DE", sort: "alias" }],
      ["administrator, suspended in German, by name", admin, { status: "SUSPENDED", lang: "DE", sort: "alias" }],
      ["administrator, a name nobody has", admin, { q: "nowhere" }],
      // too short for a trigram anywhere: looked up where words start
      ["administrator, two letters no word starts with", admin, { q: "zq" }],
      [
        "big partner, an issuer it has none of, by name",
        operator("PARTNER", { partnerCompanyId: world.partners[0] }),
        { issuer: world.issuers[5]!, sort: "alias" },
      ],
      // every certificate holds "example", and no service pending in German
      [
        "administrator, a word in every certificate, pending in German",
        admin,
        { q: "example", status: "PENDING", lang: "DE", sort: "alias" },
      ],
    ];
    for (const [label, op, params] of cases) {
      const f = parseListFilters(params);
      // WALK_ROWS rows of the order, and as many of the bounds' index entries counted
      const bounded = await servicesRead(listSql(op, f, "UTC", "bounded walk").sql, "bounded walk");
      expect(bounded, label).toBeLessThanOrEqual(2 * WALK_ROWS);
      // the filters' indexes find nothing, so nothing is read
      expect(await servicesRead(listSql(op, f, "UTC", "collect").sql, "collect"), label).toBe(0);
      expect(await pageRows(op, f, "UTC"), label).toEqual({ rows: [], steps: ["bounded walk", "collect"] });
    }
    // a filter an index of the order starts with bounds the walk itself: it meets only matches
    const suspended = parseListFilters({ status: "SUSPENDED" });
    expect(await servicesRead(listSql(admin, suspended).sql, "walk")).toBe(0);
    expect(await pageRows(admin, suspended, "UTC")).toEqual({ rows: [], steps: ["walk"] });
  });
});

describe("the list's pages, whichever way they are found", () => {
  it("are the pages the plain walk finds: the same rows, in order, with the same links", async () => {
    const admin = operator("ADMINISTRATOR");
    const big = operator("PARTNER", { partnerCompanyId: world.partners[0] });
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const bounded: ListStep[] = ["bounded walk"];
    const collected: ListStep[] = ["bounded walk", "collect"];
    const walkedOn: ListStep[] = ["bounded walk", "collect", "walk"];
    const cases: Array<[string, Operator, Record<string, string>, ListStep[]]> = [
      ["the first page", admin, {}, ["walk"]],
      // filters an index of the order starts with: the walk meets only matches
      ["one spread partner's services", admin, { partner: world.partners[1]! }, ["walk"]],
      [
        "a partner's services of the small issuer",
        operator("PARTNER", { partnerCompanyId: world.partners[1] }),
        { issuer: world.smallIssuer },
        ["walk"],
      ],
      // many matches among the first rows: the bounded walk fills the page
      ["in English", admin, { lang: "EN" }, bounded],
      // bounds that hold fewer rows than the bounded walk reads: it has met them all
      [
        "the small issuer's in English, by name",
        admin,
        { issuer: world.smallIssuer, lang: "EN", sort: "alias" },
        bounded,
      ],
      [
        "the small issuer's, a word every certificate holds",
        operator("ISSUER", { issuerCompanyId: world.smallIssuer }),
        { q: "example" },
        bounded,
      ],
      // a few: collected and put in order
      ["German, named like one service in a thousand", admin, { lang: "DE", q: "service 1998" }, collected],
      // a word only one service's certificate holds
      ["a word one certificate holds", admin, { q: "zeppelin" }, collected],
      // more than FEW_MATCHES, none among the first rows of the order: the walk goes on
      ["three weeks ago, by name", big, { from: day(27), to: day(21), sort: "alias" }, walkedOn],
      // a word every certificate holds, which only the big partner's ten oldest services have
      ["a word in every certificate", big, { q: "example" }, collected],
      [
        "three weeks ago, by name, backwards",
        big,
        { from: day(27), to: day(21), sort: "alias", dir: "desc" },
        walkedOn,
      ],
    ];
    const reference = async (op: Operator, params: Record<string, string>) =>
      (await selectRows<{ id: string }>(listSql(op, parseListFilters(params)).sql)).map((row) => row.id);
    for (const [label, op, params, steps] of cases) {
      expect((await pageRows(op, parseListFilters(params), "UTC")).steps, label).toEqual(steps);
      let page = await listClientServices(op, parseListFilters(params));
      const expected = await reference(op, params);
      expect(expected.length, label).toBeGreaterThan(0);
      expect(
        page.rows.map((row) => row.id),
        label,
      ).toEqual(expected.slice(0, 50));
      expect(!!page.next, `${label}: a next page`).toBe(expected.length > 50);
      if (!page.next) continue;
      // the next page, and back again
      const next = { ...params, after: page.next };
      const second = await listClientServices(op, parseListFilters(next));
      expect(
        second.rows.map((row) => row.id),
        `${label}, page 2`,
      ).toEqual((await reference(op, next)).slice(0, 50));
      page = await listClientServices(op, parseListFilters({ ...params, before: second.previous! }));
      expect(
        page.rows.map((row) => row.id),
        `${label}, back to page 1`,
      ).toEqual(expected.slice(0, 50));
    }
    // the date range matches more than the collection takes, and none of the first rows by name,
    // so that case did go on walking
    const [{ inRange, inFirstRows }] = await selectRows<{ inRange: number; inFirstRows: number }>(Prisma.sql`
      SELECT count(*) FILTER (WHERE "createdAt" >= ${`${day(27)}T00:00:00Z`}::timestamptz
          AND "createdAt" < ${`${day(21)}T00:00:00Z`}::timestamptz + interval '1 day')::int AS "inRange",
        (SELECT count(*)::int FROM (SELECT "createdAt" FROM "ClientService" WHERE "partnerCompanyId" = ${world.partners[0]}::uuid
           ORDER BY "alias", "id" LIMIT ${WALK_ROWS}) first
         WHERE "createdAt" >= ${`${day(27)}T00:00:00Z`}::timestamptz
           AND "createdAt" < ${`${day(21)}T00:00:00Z`}::timestamptz + interval '1 day') AS "inFirstRows"
      FROM "ClientService" WHERE "partnerCompanyId" = ${world.partners[0]}::uuid`);
    expect(inRange).toBeGreaterThan(FEW_MATCHES);
    expect(inFirstRows).toBeLessThanOrEqual(50);
  });
});
