// A certificate for every client service of the benchmark database, added once (also to a database
// seeded before they were), as the demo data and a real platform have them: the Client Services
// search looks in their subjects and serial numbers, and without them its certificate branch was
// never measured at scale. Subjects are written the way the demo's are ("CN=service-kuste-12.example,
// O=Küste Berg 12"), so a search for a word of a shop's name finds its certificates too.
import type pg from "pg";

export async function ensureCertificates(client: pg.Client, log: (line: string) => void): Promise<void> {
  const { rows } = await client.query(
    `SELECT EXISTS (SELECT FROM "ClientService" WHERE "certificateId" IS NULL) AS "missing"`,
  );
  if (!rows[0].missing) return;
  const t0 = Date.now();
  await client.query("BEGIN");
  try {
    await client.query(`
      WITH s AS (
        SELECT cs."id", gen_random_uuid() AS "certificateId", cs."alias", cs."issuerCompanyId", cs."createdAt", o."name",
          row_number() OVER () + (SELECT count(*) FROM "Certificate") AS n
        FROM "ClientService" cs JOIN "Organization" o ON o."id" = cs."organizationId"
        WHERE cs."certificateId" IS NULL
      ), certificates AS (
        INSERT INTO "Certificate" ("id", "subject", "serialNumber", "validFrom", "validTo", "issuerCompanyId")
        SELECT s."certificateId", 'CN=' || replace(lower(s."alias"), ' ', '-') || '.example, O=' || s."name",
          upper(to_hex(4096 + s.n * 7)) || ':' || upper(lpad(to_hex(s.n * 31 % 65536), 4, '0')),
          s."createdAt", s."createdAt" + interval '1 year', s."issuerCompanyId"
        FROM s
      )
      UPDATE "ClientService" cs SET "certificateId" = s."certificateId" FROM s WHERE cs."id" = s."id"`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
  // one statement each: VACUUM cannot run in the transaction a multi-statement query makes
  await client.query(`VACUUM ANALYZE "Certificate"`);
  await client.query(`VACUUM ANALYZE "ClientService"`);
  log(`[bench] certificates in ${Date.now() - t0} ms`);
}
