// People who can sign in to the benchmark database over HTTP: an administrator, a partner of the
// first partner company, an issuer of the first issuer company, the owner of one shop, and a
// partner and an issuer of the hard distributions' companies, all with BENCH_PASSWORD. Run after
// every seeding and idempotent: an existing .data/pg-bench only gets these rows (or their password
// back), never a reseed.
import type pg from "pg";
import { companyByName, type HardCompanies } from "./hard-distributions.ts";
import { hashPassword } from "../src/server/auth/password.ts";

export const BENCH_PASSWORD = "bench-password-1";

export interface BenchUsers {
  administrator: string;
  partner: string;
  issuer: string;
  owner: string;
  /** a partner of the company whose services all have one issuer (hard-distributions.ts) */
  oneIssuerPartner: string;
  /** an issuer of the company with three services */
  smallIssuer: string;
  /** the organization `owner` owns */
  shopId: string;
}

export async function ensureBenchUsers(client: pg.Client, hard: HardCompanies): Promise<BenchUsers> {
  const hash = await hashPassword(BENCH_PASSWORD);
  const partnerCompanyId = await companyByName(client, "PartnerCompany");
  const issuerCompanyId = await companyByName(client, "IssuerCompany");
  const upsert = async (
    role: string,
    company: { partner?: string; issuer?: string } = {},
    name = role.toLowerCase(),
  ) => {
    const email = `bench-${name}@bench.local`;
    const { rows } = await client.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", role, "partnerCompanyId", "issuerCompanyId")
       VALUES (gen_random_uuid(), $1, $1, $2, $3, $4, $5)
       ON CONFLICT (email) DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash", role = EXCLUDED.role,
         "partnerCompanyId" = EXCLUDED."partnerCompanyId", "issuerCompanyId" = EXCLUDED."issuerCompanyId", "disabledAt" = NULL
       RETURNING id`,
      [email, hash, role, company.partner ?? null, company.issuer ?? null],
    );
    return { email, id: rows[0].id as string };
  };
  const administrator = await upsert("ADMINISTRATOR");
  const partner = await upsert("PARTNER", { partner: partnerCompanyId });
  const issuer = await upsert("ISSUER", { issuer: issuerCompanyId });
  const owner = await upsert("MERCHANT");
  const oneIssuerPartner = await upsert("PARTNER", { partner: hard.oneIssuerPartner }, "partner-one-issuer");
  const smallIssuer = await upsert("ISSUER", { issuer: hard.smallIssuer }, "issuer-small");
  const shopId = (await client.query(`SELECT id FROM "Organization" WHERE "customerReference" = 'CR-00000042'`)).rows[0]
    .id as string;
  await client.query(
    `INSERT INTO "Membership" (id, "userId", "organizationId", role) VALUES (gen_random_uuid(), $1, $2, 'OWNER')
     ON CONFLICT ("userId", "organizationId") DO UPDATE SET role = 'OWNER'`,
    [owner.id, shopId],
  );
  return {
    administrator: administrator.email,
    partner: partner.email,
    issuer: issuer.email,
    owner: owner.email,
    oneIssuerPartner: oneIssuerPartner.email,
    smallIssuer: smallIssuer.email,
    shopId,
  };
}
