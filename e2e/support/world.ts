import { randomInt, randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { digitsOnly, foldForSearch } from "../../src/lib/search-keys";
import type { Db } from "./fixtures";

// Each test's own data, inserted straight into the e2e database as its owner (the `world`
// fixture, e2e/support/fixtures.ts): people with a known password, shops and their client
// services, all named with a tag of their own, under companies of the worker's own (a worker runs
// its tests one after another; per test, the filter menus listing every company would grow with
// the run). No test shares a row another test running at the same time changes, so the specs run
// in parallel and in any order; nothing is removed afterwards (the database is thrown away with
// the run), and every assertion reads only its own rows.

/** Every person a world creates signs in with this password. */
export const WORLD_PASSWORD = "world-password-1";

// argon2id with the library's defaults, as the app hashes (src/server/auth/password.ts): once per worker
let passwordHash: Promise<string> | undefined;
const hashed = () => (passwordHash ??= hash(WORLD_PASSWORD));

export interface Person {
  id: string;
  email: string;
  name: string;
  password: string;
}

export interface Company {
  id: string;
  name: string;
}

export interface Service {
  id: string;
  alias: string;
}

export interface Shop {
  id: string;
  name: string;
  ref: string;
  number: string;
  services: Service[];
}

/** A worker's companies: two partner companies and an issuer company. */
export interface Companies {
  northwind: Company;
  contoso: Company;
  trustSign: Company;
}

export interface World extends Companies {
  /** unique to this world, in every name, address and reference it makes */
  tag: string;
  admin: Person;
  /** Northwind's operators */
  partner: Person;
  partner2: Person;
  /** Contoso's operator */
  otherPartner: Person;
  /** TrustSign's operator */
  issuer: Person;
  /** Alpine's owner and member, Baltic's owner */
  owner: Person;
  member: Person;
  merchant2: Person;
  /** customer-managed, of Northwind, with an owner and a member and two TrustSign services: "<name> Payments" and "<name> Webshop" */
  alpine: Shop;
  /** managed by Northwind (the service provider), with its own owner and two TrustSign services */
  baltic: Shop;
  /** Contoso's one shop, customer-managed, without members or services; its reference does not start as Northwind's do */
  contosoShop: Shop;
}

/** "+48 58 ddd dd dd", the digits at random */
function polishNumber(): string {
  const d = String(randomInt(10_000_000)).padStart(7, "0");
  return `+48 58 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`;
}

type Role = "ADMINISTRATOR" | "PARTNER" | "ISSUER" | "MERCHANT";

async function company(db: Db, table: "PartnerCompany" | "IssuerCompany", name: string): Promise<Company> {
  const [row] = await db.query<{ id: string }>(
    `insert into "${table}" ("id", "name") values (gen_random_uuid(), $1) returning "id"`,
    [name],
  );
  return { id: row.id, name };
}

async function person(
  db: Db,
  tag: string,
  handle: string,
  name: string,
  role: Role,
  extra: { partner?: Company; issuer?: Company; locale?: "EN" | "DE" } = {},
): Promise<Person> {
  const email = `${handle}-${tag}@e2e.test`;
  const [row] = await db.query<{ id: string }>(
    `insert into "User" ("id", "email", "name", "role", "passwordHash", "partnerCompanyId", "issuerCompanyId", "locale")
     values (gen_random_uuid(), $1, $2, $3::"UserRole", $4, $5, $6, $7::"Language") returning "id"`,
    [email, name, role, await hashed(), extra.partner?.id ?? null, extra.issuer?.id ?? null, extra.locale ?? "EN"],
  );
  return { id: row.id, email, name, password: WORLD_PASSWORD };
}

/** A shop of the partner company, with its owners and members. */
export async function addShop(
  db: Db,
  shop: {
    name: string;
    ref: string;
    number: string;
    managedBy: "CUSTOMER" | "SERVICE_PROVIDER";
    partner: Company;
    owners?: Person[];
    members?: Person[];
  },
): Promise<Shop> {
  const [row] = await db.query<{ id: string }>(
    `insert into "Organization" ("id", "name", "nameSearch", "url", "customerReference", "number", "numberDigits", "managedBy", "partnerCompanyId")
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7::"ManagedBy", $8) returning "id"`,
    [
      shop.name,
      foldForSearch(shop.name),
      `https://${shop.ref.toLowerCase()}.example`,
      shop.ref,
      shop.number,
      digitsOnly(shop.number),
      shop.managedBy,
      shop.partner.id,
    ],
  );
  const memberships = [
    ...(shop.owners ?? []).map((p) => [p.id, "OWNER"]),
    ...(shop.members ?? []).map((p) => [p.id, "MEMBER"]),
  ];
  for (const [userId, role] of memberships) {
    await db.query(
      `insert into "Membership" ("id", "userId", "organizationId", "role") values (gen_random_uuid(), $1, $2, $3::"MembershipRole")`,
      [userId, row.id, role],
    );
  }
  return { id: row.id, name: shop.name, ref: shop.ref, number: shop.number, services: [] };
}

/**
 * Client services of the shop, one per alias, each with its certificate and lifecycle; the first
 * `suspended` are suspended, the rest active. They are created an hour apart, long before the demo
 * data, so that the lists across all shops (an administrator's) start with the demo data as before.
 */
export async function addServices(
  db: Db,
  shop: Shop,
  companies: { partner: Company; issuer: Company },
  aliases: string[],
  options: { suspended?: number } = {},
): Promise<Service[]> {
  const tag = randomUUID().slice(0, 8);
  await db.query(
    `insert into "Certificate" ("id", "subject", "serialNumber", "validFrom", "validTo", "issuerCompanyId")
     select gen_random_uuid(), 'CN=' || $2 || '-' || g || '.example, O=' || $3, $1 || ':' || g, now() - interval '30 days', now() + interval '335 days', $4
     from generate_series(1, $5::int) g`,
    [tag, foldForSearch(shop.name).replace(/\s+/g, "-"), shop.name, companies.issuer.id, aliases.length],
  );
  const rows = await db.query<{ id: string; alias: string }>(
    `insert into "ClientService" ("id", "alias", "issuerCompanyId", "partnerCompanyId", "organizationId", "certificateId", "configLanguage", "status", "createdAt", "updatedAt")
     select gen_random_uuid(), a.alias, $2, $3, $4, c."id", 'EN', (case when a.n <= $5::int then 'SUSPENDED' else 'ACTIVE' end)::"ServiceStatus",
            timestamptz '2025-06-01 12:00+00' - a.n * interval '1 hour', now()
     from unnest($6::text[]) with ordinality as a(alias, n) join "Certificate" c on c."serialNumber" = $1 || ':' || a.n
     returning "id", "alias"`,
    [tag, companies.issuer.id, companies.partner.id, shop.id, options.suspended ?? 0, aliases],
  );
  await db.query(
    `insert into "LifecycleRecord" ("id", "clientServiceId", "status", "startedAt")
     select gen_random_uuid(), "id", "status", "createdAt" from "ClientService" where "id" = any($1::uuid[])`,
    [rows.map((r) => r.id)],
  );
  const created = aliases.map((alias) => rows.find((r) => r.alias === alias)!);
  shop.services.push(...created);
  return created;
}

/** An invitation into the shop still waiting for its answer, to a new address (an account without a password). */
export async function addInvitation(db: Db, shop: Shop, email: string, role: "OWNER" | "MEMBER" = "MEMBER") {
  const [user] = await db.query<{ id: string }>(
    `insert into "User" ("id", "email", "name", "role") values (gen_random_uuid(), $1, $1, 'MERCHANT') returning "id"`,
    [email],
  );
  await db.query(
    `insert into "AuthToken" ("id", "kind", "tokenHash", "userId", "organizationId", "membershipRole", "expiresAt")
     values (gen_random_uuid(), 'INVITATION', md5(random()::text), $1, $2, $3::"MembershipRole", now() + interval '7 days')`,
    [user.id, shop.id, role],
  );
}

/** One of the two services a world gives Alpine and Baltic. */
export function serviceOf(shop: Shop, kind: "Webshop" | "Payments"): Service {
  return shop.services.find((s) => s.alias === `${shop.name} ${kind}`)!;
}

/** A worker's companies, named as the demo's with a tag of their own. */
export async function createCompanies(db: Db): Promise<Companies> {
  const tag = randomUUID().slice(0, 8);
  return {
    northwind: await company(db, "PartnerCompany", `Northwind Hosting ${tag}`),
    contoso: await company(db, "PartnerCompany", `Contoso Commerce ${tag}`),
    trustSign: await company(db, "IssuerCompany", `TrustSign CA ${tag}`),
  };
}

/** A fresh world in the worker's companies: their operators, an administrator, shops and their people. */
export async function createWorld(db: Db, companies: Companies): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const TAG = tag.toUpperCase();
  const { northwind, contoso, trustSign } = companies;

  const admin = await person(db, tag, "admin", "Ada Administrator", "ADMINISTRATOR");
  const partner = await person(db, tag, "partner", "Paul Partner", "PARTNER", { partner: northwind });
  const partner2 = await person(db, tag, "partner2", "Petra Partner", "PARTNER", { partner: northwind });
  const otherPartner = await person(db, tag, "other-partner", "Oscar Other", "PARTNER", { partner: contoso });
  const issuer = await person(db, tag, "issuer", "Ivy Issuer", "ISSUER", { issuer: trustSign });
  const owner = await person(db, tag, "owner", "Olga Owner", "MERCHANT");
  const member = await person(db, tag, "member", "Max Member", "MERCHANT", { locale: "DE" });
  const merchant2 = await person(db, tag, "merchant2", "Mira Merchant", "MERCHANT");

  const alpine = await addShop(db, {
    name: `Alpine Outfitters ${tag}`,
    ref: `CR-${TAG}-1`,
    number: "+49 30 1234-567",
    managedBy: "CUSTOMER",
    partner: northwind,
    owners: [owner],
    members: [member],
  });
  const baltic = await addShop(db, {
    name: `Baltic Bikes ${tag}`,
    ref: `CR-${TAG}-2`,
    // a number of its own: a search by number finds this world's Baltic among every earlier world's
    number: polishNumber(),
    managedBy: "SERVICE_PROVIDER",
    partner: northwind,
    owners: [merchant2],
  });
  const contosoShop = await addShop(db, {
    name: `Contoso Corner ${tag}`,
    ref: `CO-${TAG}-1`,
    number: "+44 20 7946 0018",
    managedBy: "CUSTOMER",
    partner: contoso,
  });
  // as the demo shops have, named after the shop: its payments and its webshop, active
  for (const shop of [alpine, baltic])
    await addServices(db, shop, { partner: northwind, issuer: trustSign }, [
      `${shop.name} Payments`,
      `${shop.name} Webshop`,
    ]);

  return {
    tag,
    northwind,
    contoso,
    trustSign,
    admin,
    partner,
    partner2,
    otherPartner,
    issuer,
    owner,
    member,
    merchant2,
    alpine,
    baltic,
    contosoShop,
  };
}
