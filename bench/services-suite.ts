import type pg from "pg";
import { parseListFilters } from "../src/server/client-services/filters.ts";
import { filterOptions, listClientServices, LIST_PAGE_SIZE, pageRows } from "../src/server/client-services/queries.ts";
import type { Operator } from "../src/server/viewer.ts";
import type { HardCompanies } from "./hard-distributions.ts";

type Measure = (label: string, fn: () => Promise<unknown>, bare?: () => Promise<unknown>) => Promise<void>;

// The same page as one hand-written statement through `pg`, to see what the application adds.
const BARE = (where: string) => `
  SELECT cs."id", cs."alias", cs."status", cs."configLanguage", cs."createdAt", i."name", p."name", o."name"
  FROM "ClientService" cs JOIN "IssuerCompany" i ON i."id" = cs."issuerCompanyId"
  JOIN "PartnerCompany" p ON p."id" = cs."partnerCompanyId" JOIN "Organization" o ON o."id" = cs."organizationId"
  WHERE ${where} ORDER BY cs."createdAt" DESC, cs."id" DESC LIMIT ${LIST_PAGE_SIZE + 1}`;

/** Client Services: the list requests the issue names, each next to its bare SQL. */
export async function servicesSuite(
  client: pg.Client,
  measure: Measure,
  admin: Operator,
  partner: Operator,
): Promise<void> {
  const list = (who: Operator, params: Record<string, string>) => listClientServices(who, parseListFilters(params));
  await measure(
    "client services, first page, unfiltered (admin)",
    () => list(admin, {}),
    () => client.query(BARE("TRUE")),
  );
  await measure(
    "client services, first page (partner)",
    () => list(partner, {}),
    () => client.query(BARE(`cs."partnerCompanyId" = $1`), [partner.partnerCompanyId]),
  );
  await measure(
    "client services, status SUSPENDED + partner (admin)",
    () => list(admin, { status: "SUSPENDED", partner: partner.partnerCompanyId! }),
    () => client.query(BARE(`cs."status" = 'SUSPENDED' AND cs."partnerCompanyId" = $1`), [partner.partnerCompanyId]),
  );
  await measure(
    'client services, search "küste 12" (admin)',
    () => list(admin, { q: "kuste 12" }),
    () => client.query(BARE(`cs."searchText" LIKE '%kuste 12%'`)),
  );
  // page 500: the cursor the "Next" link of page 499 carries
  const row = (
    await client.query(
      `SELECT "createdAt", id FROM "ClientService" ORDER BY "createdAt" DESC, id DESC OFFSET ${499 * LIST_PAGE_SIZE - 1} LIMIT 1`,
    )
  ).rows[0];
  const after = Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
  await measure(
    "client services, page 500, unfiltered (admin)",
    () => list(admin, { after }),
    () => client.query(BARE(`(cs."createdAt", cs."id") < ($1::timestamptz, $2::uuid)`), [row.createdAt, row.id]),
  );
  await measure("client services, page 500 by OFFSET, for comparison", () =>
    client.query(
      BARE("TRUE").replace(`LIMIT ${LIST_PAGE_SIZE + 1}`, `LIMIT ${LIST_PAGE_SIZE} OFFSET ${499 * LIST_PAGE_SIZE}`),
    ),
  );
}

/**
 * Client Services on the hard distributions (hard-distributions.ts) and searches in the
 * certificates, with the steps each page took (queries.ts, pageRows): the matches are few or none,
 * which walking an index in the list's order would look for through all of it, or a word every
 * certificate holds.
 */
export async function hardServicesSuite(measure: Measure, admin: Operator, hard: HardCompanies): Promise<void> {
  const as = (role: "PARTNER" | "ISSUER", company: string): Operator => ({
    ...admin,
    role,
    partnerCompanyId: role === "PARTNER" ? company : null,
    issuerCompanyId: role === "ISSUER" ? company : null,
  });
  const oneIssuer = as("PARTNER", hard.oneIssuerPartner);
  const cases: Array<[string, Operator, Record<string, string>]> = [
    ["another issuer (partner whose services have one issuer)", oneIssuer, { issuer: hard.otherIssuer }],
    ["first page (issuer with three services)", as("ISSUER", hard.smallIssuer), {}],
    ["first page (partner with no services)", as("PARTNER", hard.emptyPartner), {}],
    ["pending in German by name (admin)", admin, { status: "PENDING", lang: "DE", sort: "alias" }],
    ['two letters nobody starts a word with, "zq" (admin)', admin, { q: "zq" }],
    // searches in the certificates (certificates.ts): a word every subject holds, alone and with
    // filters nothing matches, and a word of the shops' names, which only the subjects hold
    ['a word in every certificate, "example" (admin)', admin, { q: "example" }],
    [
      '"example", pending in German by name (admin)',
      admin,
      { q: "example", status: "PENDING", lang: "DE", sort: "alias" },
    ],
    ['"example" (partner whose services have one issuer)', oneIssuer, { q: "example" }],
    [
      'a word of the shops\' names, "søndergaard" (issuer with three services)',
      as("ISSUER", hard.smallIssuer),
      { q: "søndergaard" },
    ],
    ['a serial number, "2fc62e" (admin)', admin, { q: "2fc62e" }],
  ];
  for (const [label, who, params] of cases) {
    const f = parseListFilters(params);
    const { steps } = await pageRows(who, f, "UTC");
    await measure(`client services, ${label}; ${steps.join(" + ")}`, () => listClientServices(who, f));
  }
  await measure("filter menus (partner whose services have one issuer)", () => filterOptions(oneIssuer));
  await measure("filter menus (issuer with three services)", () => filterOptions(as("ISSUER", hard.smallIssuer)));
}
