import type pg from "pg";
import { searchOrganizations } from "../src/server/access/org-search.ts";
import type { Operator } from "../src/server/viewer.ts";

type Measure = (label: string, fn: () => Promise<unknown>, bare?: () => Promise<unknown>) => Promise<void>;

export async function operator(client: pg.Client, role: "PARTNER" | "ADMINISTRATOR"): Promise<Operator> {
  const email = `bench-${role.toLowerCase()}@bench.local`;
  const partner =
    role === "PARTNER"
      ? (await client.query(`SELECT id FROM "PartnerCompany" ORDER BY name LIMIT 1`)).rows[0].id
      : null;
  const { rows } = await client.query(
    `INSERT INTO "User" (id, email, name, "passwordHash", role, "partnerCompanyId") VALUES (gen_random_uuid(), $1, $1, 'x', $2, $3)
     ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
    [email, role, partner],
  );
  return {
    id: rows[0].id,
    name: email,
    email,
    role,
    partnerCompanyId: partner,
    issuerCompanyId: null,
    timeZone: "UTC",
  };
}

/** The cursor after `pages` pages of a search, as following "Next" that often would give it. */
export async function pageAfter(who: Operator, query: string, pages: number): Promise<string | undefined> {
  let after: string | undefined;
  for (let i = 0; i < pages; i++) after = (await searchOrganizations(who, query, { after })).next;
  return after;
}

/** Support Hub >> Remote Support: the search box, each key, as a partner and as an administrator. */
export async function searchSuite(
  client: pg.Client,
  measure: Measure,
  admin: Operator,
  partner: Operator,
): Promise<void> {
  const sample = (
    await client.query(
      `SELECT id, "customerReference", number FROM "Organization" WHERE "partnerCompanyId" = $1 OFFSET 4321 LIMIT 1`,
      [partner.partnerCompanyId],
    )
  ).rows[0];
  await measure('org search, name part "küste ber" (partner)', () => searchOrganizations(partner, "küste ber"));
  await measure('org search, name part "küste ber" (admin)', () => searchOrganizations(admin, "küste ber"));
  await measure('org search, one common word "alpen" (admin)', () => searchOrganizations(admin, "alpen"));
  await measure('org search, a name nobody has "qqq" (admin)', () => searchOrganizations(admin, "qqq"));
  await measure("org search, a name one organization has (admin)", () => searchOrganizations(admin, "berg 777777"));
  await measure('org search, reference prefix "cr-0004" (partner)', () => searchOrganizations(partner, "cr-0004"));
  await measure("org search, exact reference (partner)", () => searchOrganizations(partner, sample.customerReference));
  await measure("org search, number as typed (partner)", () => searchOrganizations(partner, sample.number));
  await measure("org search, UUID (partner)", () => searchOrganizations(partner, sample.id));
  const page19 = await pageAfter(admin, "küste ber", 19);
  await measure("org search, name part, page 20 via cursor (admin)", () =>
    searchOrganizations(admin, "küste ber", { after: page19 }),
  );
}
