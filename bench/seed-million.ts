// Fills the benchmark database: 50 partner and 10 issuer companies, 1,000,000 organizations and
// 1,000,000 client services, generated inside PostgreSQL (a minute or two, once; later runs reuse it).
import type pg from "pg";

export const ROWS = 1_000_000;
const WORDS = [
  "alpen",
  "cafe",
  "muller",
  "nordlicht",
  "backerei",
  "schon",
  "wald",
  "kuste",
  "berg",
  "garten",
  "sport",
  "mode",
  "buch",
  "wein",
  "rad",
  "licht",
  "haus",
  "stadt",
  "blute",
  "fjord",
  "elan",
  "chateau",
  "sondergaard",
  "zurich",
];
const NAMES = [
  "Alpen",
  "Café",
  "Müller",
  "Nordlicht",
  "Bäckerei",
  "Schön",
  "Wald",
  "Küste",
  "Berg",
  "Garten",
  "Sport",
  "Mode",
  "Buch",
  "Wein",
  "Rad",
  "Licht",
  "Haus",
  "Stadt",
  "Blüte",
  "Fjord",
  "Élan",
  "Château",
  "Søndergaard",
  "Zürich",
];

export async function seedMillion(client: pg.Client, log: (line: string) => void): Promise<void> {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Organization"`);
  if (rows[0].n >= ROWS) {
    log(`[bench] reusing ${rows[0].n} organizations`);
    await client.query(`ANALYZE`);
    return;
  }
  const t0 = Date.now();
  await client.query(
    `INSERT INTO "PartnerCompany" (id, name) SELECT gen_random_uuid(), 'Partner ' || g FROM generate_series(1, 50) g`,
  );
  await client.query(
    `INSERT INTO "IssuerCompany" (id, name) SELECT gen_random_uuid(), 'Issuer ' || g FROM generate_series(1, 10) g`,
  );
  const arr = (items: string[]) => `ARRAY[${items.map((w) => `'${w}'`).join(",")}]`;
  await client.query(`
    WITH p AS (SELECT array_agg(id ORDER BY name) AS ids FROM "PartnerCompany")
    INSERT INTO "Organization" (id, name, "nameSearch", url, "customerReference", number, "numberDigits", "managedBy", "partnerCompanyId")
    SELECT gen_random_uuid(),
      (${arr(NAMES)})[1 + g % 24] || ' ' || (${arr(NAMES)})[1 + (g / 24) % 24] || ' ' || g,
      (${arr(WORDS)})[1 + g % 24] || ' ' || (${arr(WORDS)})[1 + (g / 24) % 24] || ' ' || g,
      'https://shop' || g || '.example', 'CR-' || lpad(g::text, 8, '0'), '+49 30 ' || (1000000 + g), '4930' || (1000000 + g),
      (CASE WHEN g % 2 = 0 THEN 'CUSTOMER' ELSE 'SERVICE_PROVIDER' END)::"ManagedBy", p.ids[1 + g % 50]
    FROM generate_series(1, ${ROWS}) g, p`);
  log(`[bench] organizations in ${Date.now() - t0} ms`);
  const t1 = Date.now();
  await client.query(`
    WITH i AS (SELECT array_agg(id ORDER BY name) AS ids FROM "IssuerCompany"),
         o AS (SELECT id, "partnerCompanyId", row_number() OVER () AS g FROM "Organization")
    INSERT INTO "ClientService" (id, alias, "issuerCompanyId", "partnerCompanyId", "organizationId", "configLanguage", status, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), 'Service ' || (${arr(WORDS)})[1 + o.g % 24] || ' ' || o.g, i.ids[1 + o.g % 10], o."partnerCompanyId", o.id,
      (CASE WHEN o.g % 2 = 0 THEN 'DE' ELSE 'EN' END)::"Language",
      (ARRAY['ACTIVE','ACTIVE','ACTIVE','PENDING','SUSPENDED','CANCELLED'])[1 + o.g % 6]::"ServiceStatus",
      timestamptz '2025-01-01' + (o.g % 700) * interval '1 day' + (o.g % 86400) * interval '1 second', now()
    FROM o, i`);
  log(`[bench] client services in ${Date.now() - t1} ms`);
  await client.query(`VACUUM ANALYZE`);
}
