import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "@/i18n/translator";

// Every action the code records must read as words in both languages (Support activity, CSV).
function recordedActions(dir: string, found = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) recordedActions(file, found);
    else if (/\.tsx?$/.test(file)) {
      for (const match of readFileSync(file, "utf8").matchAll(/action: "([a-z-]+\.[a-z-]+)"/g)) found.add(match[1]);
      for (const match of readFileSync(file, "utf8").matchAll(/: "(client-service\.[a-z-]+)"/g)) found.add(match[1]);
      for (const match of readFileSync(file, "utf8").matchAll(
        /"((?:access|remote-support)\.[a-z-]+)" : "((?:access|remote-support)\.[a-z-]+)"/g,
      )) {
        found.add(match[1]);
        found.add(match[2]);
      }
    }
  }
  return found;
}

describe("audit action labels", () => {
  const actions = [...recordedActions(path.resolve("src"))];

  it("finds the actions the code records", () => {
    expect(actions).toEqual(
      expect.arrayContaining(["access.opened", "session.started", "remote-support.approved", "auth.signed-in"]),
    );
  });

  it.each(["en", "de"] as const)("labels each of them in %s", (locale) => {
    const t = translator(locale) as unknown as { has(key: string): boolean };
    expect(actions.filter((a) => !t.has(`common.audit.actions.${a}`))).toEqual([]);
  });
});

describe("audit details", () => {
  it("read as words in the viewer's language, without internal ids", async () => {
    const { createTranslator } = await import("next-intl");
    const { catalogs } = await import("@/i18n/messages");
    const { describeActor, describeDetails } = await import("@/server/audit/describe");
    const t = createTranslator({ locale: "de", messages: catalogs.de, namespace: "common.audit" }) as never;
    const formats = { instant: (d: Date) => `instant ${d.toISOString()}`, day: (d: string) => `day ${d}` };
    const rows = describeDetails(
      {
        sessions: "END_NOW",
        scope: "VIEW_ONLY",
        until: "2026-11-25",
        previousUntil: "2026-11-25T23:00:00.000Z",
        noteId: "x",
        custom: 3,
        customerReference: "2024-05-01",
      },
      t,
      formats,
    );
    expect(rows).toEqual([
      ["laufende Sitzungen", "sofort beenden"],
      ["Umfang", "nur ansehen"],
      ["bis", "day 2026-11-25"],
      ["vorher bis", "instant 2026-11-25T23:00:00.000Z"],
      ["custom", "3"],
      // a reference shaped like a date is a reference
      ["Kundenreferenz", "2024-05-01"],
    ]);
    expect(describeActor("system", t)).toBe("System");
    // a test email's failure in words, a retried email's shop id left out
    expect(
      describeDetails({ host: "smtp.example", sent: false, failure: "auth", replyCode: 535 }, t, formats).slice(1),
    ).toEqual([
      ["gesendet", "nein"],
      ["Fehler", "Benutzername oder Passwort nicht akzeptiert"],
      ["Antwortcode", "535"],
    ]);
    expect(describeDetails({ kind: "member.invited", organizationId: "3f0c…" }, t, formats)).toEqual([
      ["Art", "member.invited"],
    ]);
  });

  it("name a changed setting, its chosen values and an email's kind in the reader's words", async () => {
    const { createTranslator } = await import("next-intl");
    const { catalogs } = await import("@/i18n/messages");
    const { describeDetails } = await import("@/server/audit/describe");
    const { detailWords } = await import("@/server/audit/detail-words");
    const t = createTranslator({ locale: "de", messages: catalogs.de, namespace: "common.audit" }) as never;
    const formats = { instant: (d: Date) => d.toISOString(), day: (d: string) => d };
    const words = detailWords("de");
    expect(describeDetails({ key: "service.theme", from: "system", to: "dark" }, t, formats, words)).toEqual([
      ["Einstellung", catalogs.de.console.configurations.labels.service_theme],
      ["von", catalogs.de.console.configurations.choices.service_theme.system],
      ["nach", catalogs.de.console.configurations.choices.service_theme.dark],
    ]);
    // a yes/no setting's values as yes and no, a number as written
    expect(
      describeDetails({ key: "service.guestCheckout", from: true, to: false }, t, formats, words).map(([, v]) => v),
    ).toEqual([catalogs.de.console.configurations.labels.service_guestCheckout, "ja", "nein"]);
    expect(
      describeDetails({ key: "service.maxOrdersPerDay", from: 1000, to: 20 }, t, formats, words).map(([, v]) => v),
    ).toEqual([catalogs.de.console.configurations.labels.service_maxOrdersPerDay, "1000", "20"]);
    // a retried email's kind as the outbox names it; a company's kind as before
    expect(describeDetails({ kind: "member.invited" }, t, formats, words)).toEqual([
      ["Art", catalogs.de.common.audit.actions.member.invited],
    ]);
    expect(describeDetails({ kind: "client-service.suspend" }, t, formats, words)[0][1]).toBe(
      catalogs.de.admin.outboxKinds["client-service"].suspend,
    );
    expect(describeDetails({ kind: "partner" }, t, formats, words)[0][1]).toBe(catalogs.de.common.audit.values.partner);
    // an unknown setting stays as stored
    expect(describeDetails({ key: "service.gone", to: "x" }, t, formats, words).map(([, v]) => v)).toEqual([
      "service.gone",
      "x",
    ]);
  });

  it.each(["en", "de"] as const)("put every SMTP failure the transport names in words in %s", async (locale) => {
    const { catalogs } = await import("@/i18n/messages");
    const failures = Object.keys(catalogs[locale].mail.smtpErrors);
    expect(Object.keys(catalogs[locale].common.audit.valuesOf.failure).sort()).toEqual(failures.sort());
  });
});
