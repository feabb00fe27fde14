// Client services, their life cycle, notes, configuration and mail settings: the rules PostgreSQL
// holds by itself.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clientService, db, issuerCompany, partnerCompany, user } from "../support/factory";
import { check, foreignKey, insert, insertExact, refusal, unique, update } from "./write";

async function service() {
  const partner = await partnerCompany();
  const issuer = await issuerCompany();
  return clientService(partner.id, issuer.id);
}

describe("LifecycleRecord_one_open_period: one open life-cycle period per client service", () => {
  it("refuses a second open period, and lets ended periods and other services through", async () => {
    const [a, b] = [await service(), await service()];
    const period = (clientServiceId: string, endedAt: Date | null = null) =>
      insert("LifecycleRecord", {
        clientServiceId,
        status: "ACTIVE",
        startedAt: new Date(Date.now() - 60_000),
        endedAt,
      });
    expect(await refusal(period(a.id, new Date()))).toBeUndefined();
    expect(await refusal(period(a.id))).toBeUndefined();
    expect(await refusal(period(a.id))).toEqual(unique("LifecycleRecord_one_open_period"));
    expect(await refusal(period(a.id, new Date()))).toBeUndefined();
    expect(await refusal(period(b.id))).toBeUndefined();
  });
});

describe("LifecycleRecord_period_check: a period ends when or after it starts", () => {
  it("refuses an end before the start", async () => {
    const s = await service();
    const startedAt = new Date();
    const period = (endedAt: Date) =>
      insert("LifecycleRecord", { clientServiceId: s.id, status: "SUSPENDED", startedAt, endedAt });
    expect(await refusal(period(new Date(startedAt.getTime() - 1)))).toEqual(check("LifecycleRecord_period_check"));
    expect(await refusal(period(startedAt))).toBeUndefined();
  });
});

describe("ServiceNote_body_check: a note has 1 to 2000 characters", () => {
  it("refuses an empty note and 2001 characters, and takes 2000 characters of any width", async () => {
    const s = await service();
    const author = await user("ADMINISTRATOR");
    const note = (body: string) => insert("ServiceNote", { clientServiceId: s.id, authorId: author.id, body });
    expect(await refusal(note(""))).toEqual(check("ServiceNote_body_check"));
    expect(await refusal(note("a".repeat(2001)))).toEqual(check("ServiceNote_body_check"));
    expect(await refusal(note("a"))).toBeUndefined();
    expect(await refusal(note("ä".repeat(2000)))).toBeUndefined(); // characters, not bytes
  });
});

const smtp = { host: "smtp.example", security: "STARTTLS", fromAddress: "mail@example.com", updatedAt: new Date() };

describe("ServiceSmtp_port_check and ServiceSmtp_pkey: one SMTP server per client service, on a port from 1 to 65535", () => {
  it("refuses port 0 and 65536, takes 1 and 65535, and refuses a second server for the service", async () => {
    const [a, b] = [await service(), await service()];
    const server = (clientServiceId: string, port: number) =>
      insertExact("ServiceSmtp", { clientServiceId, port, ...smtp });
    expect(await refusal(server(a.id, 0))).toEqual(check("ServiceSmtp_port_check"));
    expect(await refusal(server(a.id, 65536))).toEqual(check("ServiceSmtp_port_check"));
    expect(await refusal(server(a.id, 1))).toBeUndefined();
    expect(await refusal(server(b.id, 65535))).toBeUndefined();
    expect(await refusal(server(a.id, 587))).toEqual(unique("ServiceSmtp_pkey"));
  });
});

describe("SystemSmtp_single_row_check and SystemSmtp_port_check: the platform's SMTP settings are one row", () => {
  it("refuses any row but id 1, and a port outside 1 to 65535", async () => {
    expect(await refusal(insertExact("SystemSmtp", { id: 2, port: 587, ...smtp }))).toEqual(
      check("SystemSmtp_single_row_check"),
    );
    expect(await refusal(insertExact("SystemSmtp", { id: 1, port: 0, ...smtp }))).toEqual(
      check("SystemSmtp_port_check"),
    );
    expect(await refusal(insertExact("SystemSmtp", { id: 1, port: 587, ...smtp }))).toBeUndefined();
    expect(await refusal(insertExact("SystemSmtp", { id: 1, port: 25, ...smtp }))).toEqual(unique("SystemSmtp_pkey"));
    expect(await refusal(update("SystemSmtp", 1, { port: 65536 }))).toEqual(check("SystemSmtp_port_check"));
    expect(await refusal(update("SystemSmtp", 1, { port: 65535 }))).toBeUndefined();
    expect(await refusal(update("SystemSmtp", 1, { id: 2 }))).toEqual(check("SystemSmtp_single_row_check"));
  });
});

describe("Certificate_serialNumber_key: a certificate's serial number is unique", () => {
  it("refuses a second certificate with the same serial number, even of another issuer", async () => {
    const [a, b] = [await issuerCompany(), await issuerCompany()];
    const serialNumber = `SN-${randomUUID()}`;
    const certificate = (issuerCompanyId: string) =>
      insert("Certificate", {
        subject: "CN=rule.example",
        serialNumber,
        validFrom: new Date("2026-01-01"),
        validTo: new Date("2027-01-01"),
        issuerCompanyId,
      });
    expect(await refusal(certificate(a.id))).toBeUndefined();
    expect(await refusal(certificate(b.id))).toEqual(unique("Certificate_serialNumber_key"));
  });
});

describe("configuration values: one per key and service, only for keys the catalogue defines", () => {
  it("refuses an undefined key (ServiceConfigValue_key_fkey) and a second value (ServiceConfigValue_pkey)", async () => {
    const s = await service();
    const key = `rule.${randomUUID()}`;
    await db.configDefinition.create({ data: { key, type: "TEXT", defaultValue: "" } });
    const value = (k: string) =>
      insertExact("ServiceConfigValue", { clientServiceId: s.id, key: k, value: '"x"', updatedAt: new Date() });
    expect(await refusal(value("rule.undefined"))).toEqual(foreignKey("ServiceConfigValue_key_fkey"));
    expect(await refusal(value(key))).toBeUndefined();
    expect(await refusal(value(key))).toEqual(unique("ServiceConfigValue_pkey"));
  });
});

describe("ServiceAddOn_productCode_fkey: an add-on is a product of the catalogue", () => {
  it("refuses an unknown product code", async () => {
    const s = await service();
    const admin = await user("ADMINISTRATOR");
    const code = `RULE_${randomUUID()}`;
    await db.addOnProduct.create({ data: { code } });
    const addOn = (productCode: string) =>
      insert("ServiceAddOn", { clientServiceId: s.id, productCode, addedById: admin.id });
    expect(await refusal(addOn("RULE_UNKNOWN"))).toEqual(foreignKey("ServiceAddOn_productCode_fkey"));
    expect(await refusal(addOn(code))).toBeUndefined();
  });
});

describe("ClientService_search_text and Certificate_search_text: the list's search text, kept by the database", () => {
  const searchText = async (id: string) =>
    (
      await db.$queryRaw<
        { text: string }[]
      >`SELECT "searchText" AS "text" FROM "ClientService" WHERE "id" = ${id}::uuid`
    )[0]!.text;
  const certificate = async (subject: string, serialNumber: string, issuerCompanyId: string) =>
    db.certificate.create({
      data: {
        subject,
        serialNumber,
        validFrom: new Date(),
        validTo: new Date(Date.now() + 86_400_000),
        issuerCompanyId,
      },
    });

  it("holds the alias, the certificate's subject and its serial number, lower-cased, whatever writes them", async () => {
    const s = await service();
    const own = await db.certificate.findUniqueOrThrow({ where: { id: s.certificateId! } });
    const expected = (alias: string, c?: { subject: string; serialNumber: string }) =>
      alias.toLowerCase() + (c ? ` \x01 ${c.subject.toLowerCase()} \x01 ${c.serialNumber.toLowerCase()}` : "");
    expect(await searchText(s.id)).toBe(expected(s.alias, own));
    // the alias changes
    await update("ClientService", s.id, { alias: "Küste WEBSHOP" });
    expect(await searchText(s.id)).toBe(expected("Küste WEBSHOP", own));
    // nothing else can set it
    await update("ClientService", s.id, { searchText: "anything" });
    expect(await searchText(s.id)).toBe(expected("Küste WEBSHOP", own));
    // its certificate's subject or serial number changes
    await update("Certificate", own.id, { subject: "CN=Baltic.example, O=Baltic Bikes" });
    const changed = { subject: "CN=Baltic.example, O=Baltic Bikes", serialNumber: own.serialNumber };
    expect(await searchText(s.id)).toBe(expected("Küste WEBSHOP", changed));
    await update("Certificate", own.id, { serialNumber: "AB:CD:01" });
    expect(await searchText(s.id)).toBe(expected("Küste WEBSHOP", { ...changed, serialNumber: "AB:CD:01" }));
    // another certificate, and none
    const other = await certificate("CN=Other.example", `SN-${randomUUID()}`, s.issuerCompanyId);
    await update("ClientService", s.id, { certificateId: other.id });
    expect(await searchText(s.id)).toBe(expected("Küste WEBSHOP", other));
    await update("ClientService", s.id, { certificateId: null });
    expect(await searchText(s.id)).toBe(expected("Küste WEBSHOP"));
    // a service written in raw SQL, as a migration or a bulk load would
    const id = randomUUID();
    await insert("ClientService", {
      id,
      alias: "Raw Alias",
      issuerCompanyId: s.issuerCompanyId,
      partnerCompanyId: s.partnerCompanyId,
      organizationId: s.organizationId,
      certificateId: other.id,
      updatedAt: new Date(),
    });
    expect(await searchText(id)).toBe(expected("Raw Alias", other));
  });
});
