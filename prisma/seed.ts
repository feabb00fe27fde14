// The catalogue every installation needs (typed configuration definitions, add-on products),
// then demo data: the accounts the README lists (password demo-password-1) and a few hundred
// shops and client services so lists and paging are real. DEMO_DATA=off loads the catalogue
// only (a real installation); `--if-empty` loads no demo data into a database that already has
// users, so `npm start` can run it on every start.
import { hash } from "@node-rs/argon2";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../src/generated/prisma/client.ts";
import type { Language, ManagedBy, ServiceStatus } from "../src/generated/prisma/enums.ts";
import { configDefinitions, addOnProducts } from "./catalogue.ts";
import { foldForSearch, digitsOnly } from "../src/lib/search-keys.ts";

export const DEMO_PASSWORD = "demo-password-1";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });

// a small deterministic generator, so every fresh database gets the same demo data
let state = 42;
const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const SHOP_WORDS = [
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
const SHOP_KINDS = ["Shop", "Store", "Outlet", "Markt", "Boutique", "Werkstatt", "Handel", "Atelier"];
const STATUSES: ServiceStatus[] = ["ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "PENDING", "SUSPENDED", "CANCELLED"];

async function main() {
  await prisma.configDefinition.createMany({
    data: configDefinitions.map((d) => ({ ...d, choices: "choices" in d ? [...d.choices] : [] })),
    skipDuplicates: true,
  });
  await prisma.addOnProduct.createMany({ data: addOnProducts, skipDuplicates: true });
  if (process.env.DEMO_DATA === "off") {
    console.error("[seed] catalogue ready; no demo data (DEMO_DATA=off)");
    return;
  }
  if (process.argv.includes("--if-empty") && (await prisma.user.count()) > 0) {
    console.error("[seed] database already has data; leaving it as it is");
    return;
  }
  const t0 = Date.now();
  const passwordHash = await hash(DEMO_PASSWORD);

  const partners = await Promise.all(
    ["Northwind Hosting", "Contoso Commerce", "Fabrikam Web Services", "Tailspin Hosting"].map((name) =>
      prisma.partnerCompany.create({ data: { name } }),
    ),
  );
  const [northwind, contoso] = partners;
  const issuers = await Promise.all(
    ["TrustSign CA", "Globe Certificates"].map((name) => prisma.issuerCompany.create({ data: { name } })),
  );
  const [trustSign] = issuers;

  const user = (
    email: string,
    name: string,
    role: "MERCHANT" | "PARTNER" | "ISSUER" | "ADMINISTRATOR",
    extra: object = {},
  ) => prisma.user.create({ data: { email, name, role, passwordHash, ...extra } });
  await user("admin@demo.test", "Ada Administrator", "ADMINISTRATOR");
  await user("partner@demo.test", "Paul Partner", "PARTNER", { partnerCompanyId: northwind.id });
  await user("partner2@demo.test", "Petra Partner", "PARTNER", { partnerCompanyId: northwind.id });
  await user("other-partner@demo.test", "Oscar Other", "PARTNER", { partnerCompanyId: contoso.id });
  await user("issuer@demo.test", "Ivy Issuer", "ISSUER", { issuerCompanyId: trustSign.id });
  const owner = await user("owner@demo.test", "Olga Owner", "MERCHANT");
  const member = await user("member@demo.test", "Max Member", "MERCHANT", { locale: "DE" });
  const merchant2 = await user("merchant2@demo.test", "Mira Merchant", "MERCHANT");

  const shop = (name: string, ref: string, number: string, managedBy: ManagedBy, partnerCompanyId: string) => ({
    name,
    nameSearch: foldForSearch(name),
    url: `https://${foldForSearch(name).replace(/[^a-z0-9]+/g, "-")}.example`,
    customerReference: ref,
    number,
    numberDigits: digitsOnly(number),
    managedBy,
    partnerCompanyId,
  });
  const alpine = await prisma.organization.create({
    data: shop("Alpine Outfitters", "CR-100042", "+49 30 1234-567", "CUSTOMER", northwind.id),
  });
  const baltic = await prisma.organization.create({
    data: shop("Baltic Bikes", "CR-100043", "+48 58 765 43 21", "SERVICE_PROVIDER", northwind.id),
  });
  await prisma.membership.createMany({
    data: [
      { userId: owner.id, organizationId: alpine.id, role: "OWNER" },
      { userId: member.id, organizationId: alpine.id, role: "MEMBER" },
      { userId: merchant2.id, organizationId: baltic.id, role: "OWNER" },
    ],
  });

  const extraShops = Array.from({ length: 300 }, (_, i) =>
    shop(
      `${pick(SHOP_WORDS)} ${pick(SHOP_WORDS)} ${pick(SHOP_KINDS)} ${i + 1}`,
      `CR-${200000 + i}`,
      `+49 ${30 + (i % 60)} ${String(1000000 + i * 7919).slice(0, 7)}`,
      rand() < 0.5 ? "CUSTOMER" : "SERVICE_PROVIDER",
      pick(partners).id,
    ),
  );
  await prisma.organization.createMany({ data: extraShops });
  const shops = await prisma.organization.findMany({
    select: { id: true, partnerCompanyId: true, name: true },
    orderBy: { customerReference: "asc" },
  });

  // client services: two for each demo shop, then one or two for the others
  const day = 24 * 60 * 60 * 1000;
  const services = [];
  const certificates = [];
  for (const [i, s] of shops.entries()) {
    const count = s.id === alpine.id || s.id === baltic.id ? 2 : 1 + (i % 2);
    for (let n = 0; n < count; n++) {
      // the demo shops' services are TrustSign's, so issuer@demo.test sees them
      const demoShop = s.id === alpine.id || s.id === baltic.id;
      const issuer = !demoShop && i % 3 === 0 ? issuers[1] : trustSign;
      const created = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 320) * day);
      const certId = crypto.randomUUID();
      const expiresSoon = i % 17 === 0;
      certificates.push({
        id: certId,
        subject: `CN=${foldForSearch(s.name).replace(/\s+/g, "-")}-${n + 1}.example, O=${s.name}`,
        serialNumber: `${(0x1000 + i * 7 + n).toString(16).toUpperCase()}:${(i * 31 + n).toString(16).toUpperCase().padStart(4, "0")}`,
        validFrom: created,
        validTo: new Date(expiresSoon ? Date.now() + 12 * day : created.getTime() + 365 * day),
        issuerCompanyId: issuer.id,
      });
      const status = demoShop ? "ACTIVE" : pick(STATUSES);
      services.push({
        id: crypto.randomUUID(),
        alias: `${s.name.split(" ").slice(0, 2).join(" ")} ${n === 0 ? "Webshop" : "Payments"}`,
        issuerCompanyId: issuer.id,
        partnerCompanyId: s.partnerCompanyId,
        organizationId: s.id,
        certificateId: certId,
        configLanguage: (rand() < 0.5 ? "DE" : "EN") as Language,
        status,
        createdAt: created,
      });
    }
  }
  await prisma.certificate.createMany({ data: certificates });
  await prisma.clientService.createMany({ data: services });
  await prisma.lifecycleRecord.createMany({
    data: services.map((s) => ({ clientServiceId: s.id, status: s.status, startedAt: s.createdAt, reason: null })),
  });
  console.error(
    `[seed] demo data loaded in ${Date.now() - t0} ms: ${shops.length} shops, ${services.length} client services`,
  );
}

await main()
  .catch((error) => {
    console.error("[seed] failed:", error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
