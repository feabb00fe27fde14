import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { saveConfigurationsAction } from "@/server/configurations/actions";
import { updateServiceAction } from "@/server/client-services/actions";
import { resetSmtpAction, saveSmtpAction, testSmtpAction } from "@/server/smtp-settings/actions";
import { smtpView } from "@/server/smtp-settings/store";
import { configDefinitions } from "../../prisma/catalogue";
import { callerFor, clientService, db, issuerCompany, partnerCompany, user } from "../support/factory";
import { resetEnvForTests } from "@/server/env";
import { heldChange } from "../support/held-change";
import { allowLocalSmtp, closedPort, startSink, type Sink } from "../support/smtp-sink";

const sinks: Sink[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
  vi.unstubAllEnvs();
  resetEnvForTests();
});

/** A sink on this machine, which administrators' settings may point at only because the test allows it. */
async function localSink(...options: Parameters<typeof startSink>) {
  const sink = await startSink(...options);
  sinks.push(sink);
  allowLocalSmtp(sink.port);
  return sink;
}

async function world() {
  await db.configDefinition.createMany({
    data: configDefinitions.map((d) => ({ ...d, choices: "choices" in d ? [...d.choices] : [] })),
    skipDuplicates: true,
  });
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
const values = (serviceId: string) =>
  db.serviceConfigValue.findMany({ where: { clientServiceId: serviceId }, orderBy: { key: "asc" } });

describe("general configurations", () => {
  it("administrators save typed values, audited; one bad value saves nothing and is named at its field", async () => {
    const w = await world();
    const good = {
      serviceId: w.service.id,
      "config.service.maxOrdersPerDay": "250",
      "config.service.guestCheckout": "false",
      "config.service.theme": "dark",
      "config.service.contactEmail": "shop@alpine.example",
    };
    expect(await saveConfigurationsAction.as(callerFor(w.admin))(good)).toEqual({ ok: true, data: { changed: 4 } });
    expect((await values(w.service.id)).map((v) => [v.key, v.value])).toEqual([
      ["service.contactEmail", "shop@alpine.example"],
      ["service.guestCheckout", false],
      ["service.maxOrdersPerDay", 250],
      ["service.theme", "dark"],
    ]);
    expect(await db.auditEvent.count({ where: { action: "configuration.changed", targetId: w.service.id } })).toBe(4);

    const bad = await saveConfigurationsAction.as(callerFor(w.admin))({
      serviceId: w.service.id,
      "config.service.maxOrdersPerDay": "0",
      "config.service.theme": "neon",
      "config.service.callbackUrl": "javascript:alert(1)",
      "config.service.displayName": "Fine",
    });
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: {
        "config.service.maxOrdersPerDay": "This number is below the allowed minimum.",
        "config.service.theme": "Choose one of the options.",
        "config.service.callbackUrl": "Enter a web address starting with http:// or https://.",
      },
    });
    expect((await values(w.service.id)).map((v) => v.key)).not.toContain("service.displayName");
  });

  it("a value sent twice or not as text is named at its field as not valid, and nothing is saved", async () => {
    const w = await world();
    const result = await saveConfigurationsAction.as(callerFor(w.admin))({
      serviceId: w.service.id,
      // a form with the field twice (FormData gives both), and a value that is not text
      "config.service.maxOrdersPerDay": ["250", "300"],
      "config.service.theme": ["dark", "light"],
      "config.service.contactEmail": 7,
      "config.service.guestCheckout": "false",
    });
    expect(result).toEqual({
      ok: false,
      error: "Please check the highlighted fields.",
      fieldErrors: {
        "config.service.maxOrdersPerDay": "This value is not valid.",
        "config.service.theme": "This value is not valid.",
        "config.service.contactEmail": "This value is not valid.",
      },
    });
    expect(await values(w.service.id)).toEqual([]);
  });

  it("saves at the same moment are audited as the chain of values they made", async () => {
    const w = await world();
    const save = (orders: number) =>
      saveConfigurationsAction.as(callerFor(w.admin))({
        serviceId: w.service.id,
        "config.service.maxOrdersPerDay": String(orders),
      });
    const results = await Promise.all([10, 20, 30, 40].map(save));
    expect(results.every((r) => r.ok)).toBe(true);
    const changes = await db.auditEvent.findMany({
      where: { action: "configuration.changed", targetId: w.service.id },
      orderBy: { id: "asc" },
    });
    const steps = changes.map((e) => e.details as { from: number; to: number });
    // each change starts from the value the one before it left, beginning at the default
    expect(steps[0].from).toBe(1000);
    for (let i = 1; i < steps.length; i++) expect(steps[i].from, `change ${i}`).toBe(steps[i - 1].to);
    const [stored] = await values(w.service.id);
    expect(stored.value).toBe(steps.at(-1)!.to);
    expect(steps).toHaveLength(4);
  });

  it("refuses forged edits from partners and issuers, and unknown services", async () => {
    const w = await world();
    for (const who of [w.partner, w.issuer]) {
      expect(
        await saveConfigurationsAction.as(callerFor(who))({ serviceId: w.service.id, "config.service.theme": "dark" }),
      ).toEqual({ ok: false, error: "You are not allowed to do this." });
    }
    expect(
      (
        await saveConfigurationsAction.as(callerFor(w.admin))({
          serviceId: "00000000-0000-4000-8000-000000000000",
          "config.service.theme": "dark",
        })
      ).ok,
    ).toBe(false);
    expect(await values(w.service.id)).toEqual([]);
  });

  it("has no configurations of the platform to save: a save without a service is refused and writes nothing", async () => {
    const w = await world();
    const before = { values: await db.serviceConfigValue.count(), audits: await db.auditEvent.count() };
    expect(
      await saveConfigurationsAction.as(callerFor(w.admin))({ "config.service.theme": "dark" } as never),
    ).toMatchObject({ ok: false });
    expect({ values: await db.serviceConfigValue.count(), audits: await db.auditEvent.count() }).toEqual(before);
    // every setting in the catalogue is one of a client service's
    expect((await db.configDefinition.findMany()).map((d) => d.key).filter((k) => !k.startsWith("service."))).toEqual(
      [],
    );
  });
});

describe("client service details", () => {
  it("partners of the service's partner and administrators edit alias and language; others are refused", async () => {
    const w = await world();
    const edit = (who: { id: string; role: "ADMINISTRATOR" | "PARTNER" | "ISSUER" | "MERCHANT" }, alias: string) =>
      updateServiceAction.as(callerFor(who))({ serviceId: w.service.id, alias, configLanguage: "DE" });
    expect((await edit(w.partner, "Alpine Shop")).ok).toBe(true);
    expect((await edit(w.otherPartner as never, "Hijacked")).ok).toBe(false);
    expect((await edit(w.issuer as never, "Hijacked")).ok).toBe(false);
    expect(await edit(w.admin, "")).toMatchObject({ ok: false, fieldErrors: { alias: "This field is required." } });
    expect(
      await db.clientService.findUniqueOrThrow({
        where: { id: w.service.id },
        select: { alias: true, configLanguage: true },
      }),
    ).toEqual({ alias: "Alpine Shop", configLanguage: "DE" });
  });
});

describe("client service details, saved twice", () => {
  it("record one change: a save that changes nothing is no event in the shop's activity", async () => {
    const w = await world();
    const save = () =>
      updateServiceAction.as(callerFor(w.partner))({
        serviceId: w.service.id,
        alias: "Alpine Shop",
        configLanguage: "DE",
      });
    // a double click, and the same form submitted again later
    expect((await Promise.all([save(), save()])).map((r) => r.ok)).toEqual([true, true]);
    expect((await save()).ok).toBe(true);
    const events = await db.auditEvent.findMany({
      where: { targetId: w.service.id, action: "client-service.updated" },
    });
    expect(events.map((e) => e.details)).toEqual([
      { alias: "Alpine Shop", previousAlias: "Alpine Webshop", configLanguage: "DE", previousConfigLanguage: "EN" },
    ]);
  });
});

describe("client service details, edited while another change of the service is in progress", () => {
  it("are refused to a partner whose service moved to another partner meanwhile", async () => {
    const w = await world();
    const elsewhere = await partnerCompany();
    const move = await heldChange((tx) =>
      tx.clientService.update({ where: { id: w.service.id }, data: { partnerCompanyId: elsewhere.id } }),
    );
    const editing = updateServiceAction.as(callerFor(w.partner))({
      serviceId: w.service.id,
      alias: "Taken over",
      configLanguage: "DE",
    });
    await move.waitedBy(1);
    await move.release();
    expect(await editing).toEqual({ ok: false, error: "You are not allowed to do this." });
    expect(
      await db.clientService.findUniqueOrThrow({
        where: { id: w.service.id },
        select: { alias: true, configLanguage: true },
      }),
    ).toEqual({ alias: "Alpine Webshop", configLanguage: "EN" });
    expect(await db.auditEvent.count({ where: { targetId: w.service.id, action: "client-service.updated" } })).toBe(0);
  });
});

describe("SMTP settings", () => {
  const form = (serviceId: string, port: number, extra: Record<string, string> = {}) => ({
    serviceId,
    host: "127.0.0.1",
    port: String(port),
    security: "NONE",
    username: "mailer",
    password: "s3cret-pass",
    fromAddress: "shop@alpine.example",
    ...extra,
  });

  it("stores the password encrypted, never shows it, keeps it when saved blank for the same server, and resets to system", async () => {
    const w = await world();
    allowLocalSmtp(2525, 2526);
    expect((await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 2525))).ok).toBe(true);
    const row = await db.serviceSmtp.findUniqueOrThrow({ where: { clientServiceId: w.service.id } });
    expect(row.passwordEncrypted).toBeTruthy();
    expect(row.passwordEncrypted).not.toContain("s3cret-pass");
    const view = await smtpView({ kind: "service", serviceId: w.service.id });
    expect(view).toEqual({
      custom: true,
      host: "127.0.0.1",
      port: 2525,
      security: "NONE",
      username: "mailer",
      fromAddress: "shop@alpine.example",
      passwordSet: true,
    });
    expect(JSON.stringify(view)).not.toContain("s3cret");

    expect(
      (
        await saveSmtpAction.as(callerFor(w.admin))(
          form(w.service.id, 2525, { password: "", fromAddress: "news@alpine.example" }),
        )
      ).ok,
    ).toBe(true);
    expect(
      (await db.serviceSmtp.findUniqueOrThrow({ where: { clientServiceId: w.service.id } })).passwordEncrypted,
    ).toBe(row.passwordEncrypted);

    expect((await resetSmtpAction.as(callerFor(w.admin))({ serviceId: w.service.id })).ok).toBe(true);
    expect(await db.serviceSmtp.count({ where: { clientServiceId: w.service.id } })).toBe(0);
    expect((await smtpView({ kind: "service", serviceId: w.service.id })).custom).toBe(false);
  });

  it("keeps a stored password only for the server, port, user and security it was saved with", async () => {
    const w = await world();
    allowLocalSmtp(2525, 2526);
    await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 2525, { security: "STARTTLS" }));
    const stored = (await db.serviceSmtp.findUniqueOrThrow({ where: { clientServiceId: w.service.id } }))
      .passwordEncrypted;
    const again = {
      ok: false,
      fieldErrors: {
        password:
          "Enter the password again: a stored password is only used for the server, port, user and security it was saved with.",
      },
    };
    const others: [number, Record<string, string>][] = [
      [2526, {}],
      [2525, { host: "localhost" }],
      [2525, { username: "someone-else" }],
      [2525, { security: "NONE" }],
    ];
    for (const [port, other] of others) {
      expect(
        await saveSmtpAction.as(callerFor(w.admin))(
          form(w.service.id, port, { security: "STARTTLS", ...other, password: "" }),
        ),
        `${port} ${JSON.stringify(other)}`,
      ).toMatchObject(again);
    }
    expect(await db.serviceSmtp.findUniqueOrThrow({ where: { clientServiceId: w.service.id } })).toMatchObject({
      port: 2525,
      security: "STARTTLS",
      passwordEncrypted: stored,
    });
    // without a user there is nothing to log in with, and the old password is not kept for the new server
    expect(
      (await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 2526, { username: "", password: "" }))).ok,
    ).toBe(true);
    expect(await db.serviceSmtp.findUniqueOrThrow({ where: { clientServiceId: w.service.id } })).toMatchObject({
      port: 2526,
      username: null,
      passwordEncrypted: null,
    });
    // and the audit says the password changed: the stored one is gone
    const [saved] = await db.auditEvent.findMany({
      where: { action: "smtp.saved", targetId: w.service.id },
      orderBy: { id: "desc" },
      take: 1,
    });
    expect(saved.details).toMatchObject({ port: 2526, passwordChanged: true });
  });

  it("a save that keeps the password, at the moment of 'Use system SMTP', never brings the password back", async () => {
    const w = await world();
    allowLocalSmtp(2525);
    for (let round = 0; round < 10; round++) {
      expect((await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 2525))).ok).toBe(true);
      const [kept, reset] = await Promise.all([
        saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 2525, { password: "" })),
        resetSmtpAction.as(callerFor(w.admin))({ serviceId: w.service.id }),
      ]);
      expect([kept.ok, reset.ok], `round ${round}`).toEqual([true, true]);
      // one after the other, either way: no settings, or settings without the deleted password
      const row = await db.serviceSmtp.findUnique({ where: { clientServiceId: w.service.id } });
      expect(row?.passwordEncrypted ?? null, `round ${round}`).toBeNull();
      await resetSmtpAction.as(callerFor(w.admin))({ serviceId: w.service.id });
    }
  });

  it("refuses bad input at its field and forged saves by partners and issuers", async () => {
    const w = await world();
    expect(
      await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 0, { host: "bad host!", fromAddress: "nope" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: {
        host: "Enter a host name.",
        port: "Enter a port from 1 to 65535.",
        fromAddress: "Enter a valid sender address.",
      },
    });
    for (const who of [w.partner, w.issuer])
      expect((await saveSmtpAction.as(callerFor(who))(form(w.service.id, 2525))).ok).toBe(false);
    expect(await db.serviceSmtp.count({ where: { clientServiceId: w.service.id } })).toBe(0);
  });

  it("refuses private hosts and other ports at their field, when saving and when testing, without connecting", async () => {
    const w = await world();
    const hostRefused = {
      ok: false,
      fieldErrors: { host: "This host is in a private or reserved network. Enter a public SMTP server." },
    };
    for (const host of ["127.0.0.1", "localhost", "10.0.0.1", "169.254.169.254", "[::ffff:127.0.0.1]"]) {
      expect(await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 587, { host })), host).toMatchObject(
        hostRefused,
      );
    }
    expect(await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 8080))).toMatchObject({
      ok: false,
      fieldErrors: { port: "This port is not allowed. Use 587, 465, 25 or 2525." },
    });
    expect(
      await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, 587, { host: "smtp.nowhere.invalid" })),
    ).toMatchObject({ ok: false, fieldErrors: { host: "This host name could not be found." } });
    expect(await db.serviceSmtp.count({ where: { clientServiceId: w.service.id } })).toBe(0);

    // something listening on loopback, on a port the platform allows: still nobody connects to it
    let connections = 0;
    const listener = net.createServer((socket) => {
      connections++;
      socket.end("220 internal.corp ESMTP\r\n");
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const { port } = listener.address() as net.AddressInfo;
    vi.stubEnv("SMTP_ALLOWED_PORTS", String(port));
    resetEnvForTests();
    try {
      expect(
        await testSmtpAction.as(callerFor(w.admin))({ ...form(w.service.id, port), testTo: "ops@alpine.example" }),
      ).toMatchObject(hostRefused);
      expect(
        await testSmtpAction.as(callerFor(w.admin))({
          ...form(w.service.id, port, { host: "localhost" }),
          testTo: "ops@alpine.example",
        }),
      ).toMatchObject(hostRefused);
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
    const tested = await db.auditEvent.findMany({
      where: { action: "smtp.tested", targetId: w.service.id },
      orderBy: { at: "asc" },
    });
    expect(tested.map((e) => e.details)).toEqual([
      { host: "127.0.0.1", port, security: "NONE", sent: false, failure: "hostNotAllowed" },
      { host: "localhost", port, security: "NONE", sent: false, failure: "hostNotAllowed" },
    ]);
  });

  it("audits every test email, sent or not, with the reply code and never the password", async () => {
    const w = await world();
    const sink = await localSink({
      onAuth: (auth, _s, cb) =>
        auth.password === "s3cret-pass"
          ? cb(null, { user: auth.username })
          : cb(new Error("Invalid username or password")),
    });
    await testSmtpAction.as(callerFor(w.admin))({ ...form(w.service.id, sink.port), testTo: "ops@alpine.example" });
    await testSmtpAction.as(callerFor(w.admin))({
      ...form(w.service.id, sink.port, { password: "wrong" }),
      testTo: "ops@alpine.example",
    });
    const events = await db.auditEvent.findMany({
      where: { action: "smtp.tested", targetId: w.service.id },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => [e.actorId, e.targetType, e.targetId, e.organizationId])).toEqual(
      Array(2).fill([w.admin.id, "client-service", w.service.id, w.service.organizationId]),
    );
    expect(events.map((e) => e.details)).toEqual([
      { host: "127.0.0.1", port: sink.port, security: "NONE", sent: true },
      { host: "127.0.0.1", port: sink.port, security: "NONE", sent: false, failure: "auth", replyCode: 535 },
    ]);
    expect(JSON.stringify(events.map((e) => e.details))).not.toMatch(/s3cret|wrong/);
  });

  it("sends a real test email through the configuration being edited, with the right sender", async () => {
    const w = await world();
    const sink = await localSink({
      onAuth: (auth, _s, cb) =>
        auth.username === "mailer" && auth.password === "s3cret-pass"
          ? cb(null, { user: "mailer" })
          : cb(new Error("Invalid username or password")),
    });
    const result = await testSmtpAction.as(callerFor(w.admin))({
      ...form(w.service.id, sink.port),
      testTo: "ops@alpine.example",
    });
    expect(result).toEqual({ ok: true, data: { sent: true, to: "ops@alpine.example" } });
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0].envelopeFrom).toBe("shop@alpine.example");
    expect(sink.received[0].envelopeTo).toEqual(["ops@alpine.example"]);
    // the stored password is used when the form leaves it blank
    await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, sink.port));
    expect(
      await testSmtpAction.as(callerFor(w.admin))({
        ...form(w.service.id, sink.port, { password: "" }),
        testTo: "ops@alpine.example",
      }),
    ).toMatchObject({ data: { sent: true } });
  });

  it("never carries the stored password to another server than the stored one", async () => {
    const w = await world();
    const seen: string[] = [];
    const sink = await localSink({
      onAuth: (auth, _s, cb) => {
        seen.push(auth.password ?? "");
        cb(null, { user: auth.username });
      },
    });
    await saveSmtpAction.as(callerFor(w.admin))(form(w.service.id, sink.port, { host: "127.0.0.1" }));
    // the same sink under another name is another server as far as the form is concerned
    await testSmtpAction.as(callerFor(w.admin))({
      ...form(w.service.id, sink.port, { host: "localhost", password: "" }),
      testTo: "ops@alpine.example",
    });
    expect(seen).not.toContain("s3cret-pass");
    await testSmtpAction.as(callerFor(w.admin))({
      ...form(w.service.id, sink.port, { password: "" }),
      testTo: "ops@alpine.example",
    });
    expect(seen).toContain("s3cret-pass");
  });

  it("reports wrong credentials and a closed port in plain words", async () => {
    const w = await world();
    const sink = await localSink({ onAuth: (_a, _s, cb) => cb(new Error("Invalid username or password")) });
    const wrong = await testSmtpAction.as(callerFor(w.admin))({
      ...form(w.service.id, sink.port),
      testTo: "ops@alpine.example",
    });
    expect(wrong).toMatchObject({ ok: true, data: { sent: false } });
    const port = await closedPort();
    allowLocalSmtp(sink.port, port);
    const closed = await testSmtpAction.as(callerFor(w.admin))({
      ...form(w.service.id, port),
      testTo: "ops@alpine.example",
    });
    expect(closed).toMatchObject({ ok: true, data: { sent: false } });
    const text = (r: typeof wrong) => (r.ok && !r.data.sent ? r.data.error : "");
    expect(text(wrong)).toMatch(/user name or password|credentials/i);
    expect(text(closed)).toMatch(/refused/i);
    expect(
      (
        await testSmtpAction.as(callerFor(w.partner))({
          ...form(w.service.id, sink.port),
          testTo: "ops@alpine.example",
        })
      ).ok,
    ).toBe(false);
  });
});
