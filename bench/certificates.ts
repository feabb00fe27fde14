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
    // each certificate has its service's id; written first, so that the services' search text,
    // which the database writes when their certificate is set, finds them
    await client.query(`
      INSERT INTO "Certificate" ("id", "subject", "serialNumber", "validFrom", "validTo", "issuerCompanyId")
      SELECT cs."id", 'CN=' || replace(lower(cs."alias"), ' ', '-') || '.example, O=' || o."name",
        upper(to_hex(4096 + s.n * 7)) || ':' || upper(lpad(to_hex(s.n * 31 % 65536), 4, '0')),
        cs."createdAt", cs."createdAt" + interval '1 year', cs."issuerCompanyId"
      FROM (SELECT "id", row_number() OVER () + (SELECT count(*) FROM "Certificate") AS n
            FROM "ClientService" WHERE "certificateId" IS NULL) s
      JOIN "ClientService" cs ON cs."id" = s."id" JOIN "Organization" o ON o."id" = cs."organizationId"`);
    await client.query(`UPDATE "ClientService" SET "certificateId" = "id" WHERE "certificateId" IS NULL`);
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
