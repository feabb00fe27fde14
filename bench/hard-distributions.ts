// The distributions that are hard for the console's queries, added once to the benchmark's million
// rows (and to a database seeded before they were): a partner whose 20,000 services all have one
// issuer, an issuer with three services, and a partner and an issuer with none. The seeded data
// spreads every partner over every issuer, which hid the filter menus' walk of each issuer's
// services (issue "Fast at a million rows over HTTP"). Their names sort after the seeded companies',
// so the first partner and issuer by name (bench-users.ts) stay the ones they were.
import type pg from "pg";

const ONE_ISSUER_SERVICES = 20_000;
const NAMES = {
  oneIssuerPartner: "Partner Z, one issuer",
  emptyPartner: "Partner Z, no services",
  smallIssuer: "Issuer Z, small",
  emptyIssuer: "Issuer Z, no services",
};

export interface HardCompanies {
  /** its services all have the first issuer */
  oneIssuerPartner: string;
  emptyPartner: string;
  /** three services, of the first partner */
  smallIssuer: string;
  /** an issuer the one-issuer partner has no service of */
  otherIssuer: string;
}

/** The id of a company by its place in name order (0: the first). */
export async function companyByName(
  client: pg.Client,
  table: "PartnerCompany" | "IssuerCompany",
  offset = 0,
): Promise<string> {
  return (await client.query(`SELECT id FROM "${table}" ORDER BY name LIMIT 1 OFFSET ${offset}`)).rows[0].id as string;
}

export async function ensureHardDistributions(client: pg.Client, log: (line: string) => void): Promise<HardCompanies> {
  const idOf = async (table: string, name: string) =>
    (await client.query(`SELECT id FROM "${table}" WHERE name = $1`, [name])).rows[0]?.id as string | undefined;
  const [firstPartner, firstIssuer, otherIssuer] = [
    await companyByName(client, "PartnerCompany"),
    await companyByName(client, "IssuerCompany"),
    await companyByName(client, "IssuerCompany", 1),
  ];
  if (!(await idOf("PartnerCompany", NAMES.oneIssuerPartner))) {
    const t0 = Date.now();
    await client.query("BEGIN");
    try {
      const insert = (table: string, name: string) =>
        client.query(`INSERT INTO "${table}" (id, name) VALUES (gen_random_uuid(), $1)`, [name]);
      await insert("PartnerCompany", NAMES.oneIssuerPartner);
      await insert("PartnerCompany", NAMES.emptyPartner);
      await insert("IssuerCompany", NAMES.smallIssuer);
      await insert("IssuerCompany", NAMES.emptyIssuer);
      await client.query(
        `INSERT INTO "Organization" (id, name, "nameSearch", url, "customerReference", "managedBy", "partnerCompanyId")
         SELECT gen_random_uuid(), 'Zeta One Issuer', 'zeta one issuer', 'https://zeta.example', 'CR-HARD-1', 'CUSTOMER', id
         FROM "PartnerCompany" WHERE name = $1`,
        [NAMES.oneIssuerPartner],
      );
      // spread over the seeded services' dates, statuses and languages, all of the first issuer
      await client.query(
        `INSERT INTO "ClientService" (id, alias, "issuerCompanyId", "partnerCompanyId", "organizationId", "configLanguage", status, "createdAt", "updatedAt")
         SELECT gen_random_uuid(), 'Service zeta ' || g, $1, o."partnerCompanyId", o.id,
           (CASE WHEN g % 2 = 0 THEN 'DE' ELSE 'EN' END)::"Language",
           (ARRAY['ACTIVE','ACTIVE','ACTIVE','PENDING','SUSPENDED','CANCELLED'])[1 + g % 6]::"ServiceStatus",
           timestamptz '2025-01-01' + (g * 35 % 700) * interval '1 day' + (g % 86400) * interval '1 second', now()
         FROM generate_series(1, ${ONE_ISSUER_SERVICES}) g, "Organization" o WHERE o."customerReference" = 'CR-HARD-1'`,
        [firstIssuer],
      );
      await client.query(
        `INSERT INTO "ClientService" (id, alias, "issuerCompanyId", "partnerCompanyId", "organizationId", "createdAt", "updatedAt")
         SELECT gen_random_uuid(), 'Service small ' || g, i.id, o."partnerCompanyId", o.id,
           timestamptz '2025-06-01' + g * interval '1 day', now()
         FROM generate_series(1, 3) g, "IssuerCompany" i,
           (SELECT id, "partnerCompanyId" FROM "Organization" WHERE "partnerCompanyId" = $1 LIMIT 1) o
         WHERE i.name = $2`,
        [firstPartner, NAMES.smallIssuer],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    await client.query(`ANALYZE "ClientService"; ANALYZE "PartnerCompany"; ANALYZE "IssuerCompany"`);
    log(`[bench] hard distributions in ${Date.now() - t0} ms`);
  }
  const id = async (table: string, name: string) => (await idOf(table, name))!;
  return {
    oneIssuerPartner: await id("PartnerCompany", NAMES.oneIssuerPartner),
    emptyPartner: await id("PartnerCompany", NAMES.emptyPartner),
    smallIssuer: await id("IssuerCompany", NAMES.smallIssuer),
    otherIssuer,
  };
}
