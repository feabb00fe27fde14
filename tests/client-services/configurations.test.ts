import { afterEach, describe, expect, it } from "vitest";
import { saveConfigurationsAction } from "@/server/configurations/actions";
import { updateServiceAction } from "@/server/client-services/actions";
import { resetSmtpAction, saveSmtpAction, testSmtpAction } from "@/server/smtp-settings/actions";
import { smtpView } from "@/server/smtp-settings/store";
import { configDefinitions } from "../../prisma/catalogue";
import { callerFor, clientService, db, issuerCompany, partnerCompany, user } from "../support/factory";
import { closedPort, startSink, type Sink } from "../support/smtp-sink";

const sinks: Sink[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

async function world() {
  await db.configDefinition.createMany({ data: configDefinitions.map((d) => ({ ...d, choices: "choices" in d ? [...d.choices] : [] })), skipDuplicates: true });
  const northwind = await partnerCompany();
  const trust = await issuerCompany();
  const service = await clientService(northwind.id, trust.id, { alias: "Alpine Webshop" });
  return {
    service,
    admin: await user("ADMINISTRATOR"),
    partner: await user("PARTNER", { partnerCompanyId: northwind.id }),
    otherPartner: await user("PARTNER", { partnerCompanyId: (await partnerCompany()).id }),
    issuer: await user("ISSUER", { issuerCompanyId: trust.id }),
  };
}
const values = (serviceId: string) => db.serviceConfigValue.findMany({ where: { clientServiceId: serviceId }, orderBy: { key: "asc" } });

describe("general configurations", () => {
  it("administrators save typed values, audited; one bad value saves nothing and is named at its field", async () => {
    const w = await world();
    const good = { serviceId: w.service.id, "config.service.maxOrdersPerDay": "250", "config.service.guestCheckout": "false", "config.service.theme": "dark", "config.service.contactEmail": "shop@alpine.example" };
    expect(await saveConfigurationsAction.as(callerFor(w.admin))(good)).toEqual({ ok: true, data: { changed: 4 } });
    expect((await values(w.service.id)).map((v) => [v.key, v.value])).toEqual([
      ["service.contactEmail", "shop@alpine.example"], ["service.guestCheckout", false], ["service.maxOrdersPerDay", 250], ["service.theme", "dark"],
    ]);
    expect(await db.auditEvent.count({ where: { action: "configuration.changed", targetId: w.service.id } })).toBe(4);

    const bad = await saveConfigurationsAction.as(callerFor(w.admin))({ serviceId: w.service.id, "config.service.maxOrdersPerDay": "0", "config.service.theme": "neon", "config.service.callbackUrl": "javascript:alert(1)", "config.service.displayName": "Fine" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: {
      "config.service.maxOrdersPerDay": "This number is below the allowed minimum.",
      "config.service.theme": "Choose one of the options.",
      "config.service.callbackUrl": "Enter a web address starting with http:// or https://.",
    } });
    expect((await values(w.service.id)).map((v) => v.key)).not.toContain("service.displayName");
  });

  it("refuses forged edits from partners and issuers, and unknown services", async () => {
    const w = await world();
    for (const who of [w.partner, w.issuer]) {
      expect(await saveConfigurationsAction.as(callerFor(who))({ serviceId: w.service.id, "config.service.theme": "dark" })).toEqual({ ok: false, error: "You are not allowed to do this." });
    }
    expect((await saveConfigurationsAction.as(callerFor(w.admin))({ serviceId: "00000000-0000-4000-8000-000000000000", "config.service.theme": "dark" })).ok).toBe(false);
    expect(await values(w.service.id)).toEqual([]);
  });

  it("saves platform configurations without a service", async () => {
    const w = await world();
    expect((await saveConfigurationsAction.as(callerFor(w.admin))({ "config.platform.maxSessionHours": "12" })).ok).toBe(true);
    expect((await db.platformConfigValue.findUniqueOrThrow({ where: { key: "platform.maxSessionHours" } })).value).toBe(12);
  });
});

describe("client service details", () => {
  it("partners of the service's partner and administrators edit alias and language; others are refused", async () => {
    const w = await world();
    const edit = (who: { id: string; role: "ADMINISTRATOR" | "PARTNER" | "ISSUER" | "MERCHANT" }, alias: string) => updateServiceAction.as(callerFor(who))({ serviceId: w.service.id, alias, configLanguage: "DE" });
    expect((await edit(w.partner, "Alpine Shop")).ok).toBe(true);
    expect((await edit(w.otherPartner as never, "Hijacked")).ok).toBe(false);
    expect((await edit(w.issuer as never, "Hijacked")).ok).toBe(false);
    expect(await edit(w.admin, "")).toMatchObject({ ok: false, fieldErrors: { alias: "This field is required." } });
    expect(await db.clientService.findUniqueOrThrow({ where: { id: w.service.id }, select: { alias: true, configLanguage: true } })).toEqual({ alias: "Alpine Shop", configLanguage: "DE" });
  });
});

describe("SMTP settings", () => {
  const form = (serviceId: string, port: number, extra: Record<string, string> = {}) => ({ serviceId, host: "127.0.0.1", port: String(port), security: "NONE", username: "mailer", password: "s3cret-pass", fromAddress: "shop@alpine.example", ...extra });

  it("stores the password encrypted, never shows it, keeps it when saved blank, and resets to system", async () => {
    const w = await world();
    expect((await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 2525))).ok).toBe(true);
    const row = await db.serviceSmtp.findUniqueOrThrow({ where: { clientServiceId: w.service.id } });
    expect(row.passwordEncrypted).toBeTruthy();
    expect(row.passwordEncrypted).not.toContain("s3cret-pass");
    const view = await smtpView({ kind: "service", serviceId: w.service.id });
    expect(view).toEqual({ custom: true, host: "127.0.0.1", port: 2525, security: "NONE", username: "mailer", fromAddress: "shop@alpine.example", passwordSet: true });
    expect(JSON.stringify(view)).not.toContain("s3cret");

    expect((await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 2526, { password: "" }))).ok).toBe(true);
    expect((await db.serviceSmtp.findUniqueOrThrow({ where: { clientServiceId: w.service.id } })).passwordEncrypted).toBe(row.passwordEncrypted);

    expect((await resetSmtpAction.as(callerFor(w.admin))({ serviceId: w.service.id })).ok).toBe(true);
    expect(await db.serviceSmtp.count({ where: { clientServiceId: w.service.id } })).toBe(0);
    expect((await smtpView({ kind: "service", serviceId: w.service.id })).custom).toBe(false);
  });

  it("refuses bad input at its field and forged saves by partners and issuers", async () => {
    const w = await world();
    expect(await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 0, { host: "bad host!", fromAddress: "nope" }))).toMatchObject({
      ok: false, fieldErrors: { host: "Enter a host name.", port: "Enter a port from 1 to 65535.", fromAddress: "Enter a valid sender address." },
    });
    for (const who of [w.partner, w.issuer]) expect((await saveSmtpAction.as(callerFor(who))(form(w.service.id, 2525))).ok).toBe(false);
    expect(await db.serviceSmtp.count()).toBe(0);
  });

  it("sends a real test email through the configuration being edited, with the right sender", async () => {
    const w = await world();
    const sink = await startSink({ onAuth: (auth, _s, cb) => (auth.username === "mailer" && auth.password === "s3cret-pass" ? cb(null, { user: "mailer" }) : cb(new Error("Invalid username or password"))) });
    sinks.push(sink);
    const result = await testSmtpAction.as(callerFor(w.admin))({ ...form(w.service.id, sink.port), testTo: "ops@alpine.example" });
    expect(result).toEqual({ ok: true, data: { sent: true, to: "ops@alpine.example" } });
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0].envelopeFrom).toBe("shop@alpine.example");
    expect(sink.received[0].envelopeTo).toEqual(["ops@alpine.example"]);
    // the stored password is used when the form leaves it blank
    await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, sink.port));
    expect(await testSmtpAction.as(callerFor(w.admin))({ ...form(w.service.id, sink.port, { password: "" }), testTo: "ops@alpine.example" })).toMatchObject({ data: { sent: true } });
  });

  it("never carries the stored password to another server than the stored one", async () => {
    const w = await world();
    const seen: string[] = [];
    const sink = await startSink({ onAuth: (auth, _s, cb) => { seen.push(auth.password ?? ""); cb(null, { user: auth.username }); } });
    sinks.push(sink);
    await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, sink.port, { host: "127.0.0.1" }));
    // the same sink under another name is another server as far as the form is concerned
    await testSmtpAction.as(callerFor(w.admin))({ ...form(w.service.id, sink.port, { host: "localhost", password: "" }), testTo: "ops@alpine.example" });
    expect(seen).not.toContain("s3cret-pass");
    await testSmtpAction.as(callerFor(w.admin))({ ...form(w.service.id, sink.port, { password: "" }), testTo: "ops@alpine.example" });
    expect(seen).toContain("s3cret-pass");
  });

  it("reports wrong credentials and a closed port in plain words", async () => {
    const w = await world();
    const sink = await startSink({ onAuth: (_a, _s, cb) => cb(new Error("Invalid username or password")) });
    sinks.push(sink);
    const wrong = await testSmtpAction.as(callerFor(w.admin))({ ...form(w.service.id, sink.port), testTo: "ops@alpine.example" });
    expect(wrong).toMatchObject({ ok: true, data: { sent: false } });
    const closed = await testSmtpAction.as(callerFor(w.admin))({ ...form(w.service.id, await closedPort()), testTo: "ops@alpine.example" });
    expect(closed).toMatchObject({ ok: true, data: { sent: false } });
    const text = (r: typeof wrong) => (r.ok && !r.data.sent ? r.data.error : "");
    expect(text(wrong)).toMatch(/user name or password|credentials/i);
    expect(text(closed)).toMatch(/refused/i);
    expect((await testSmtpAction.as(callerFor(w.partner))({ ...form(w.service.id, sink.port), testTo: "ops@alpine.example" })).ok).toBe(false);
  });
});
