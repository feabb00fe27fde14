import { describe, expect, it } from "vitest";
import {
  LINK_TEMPLATES,
  renderEmail,
  templateNames,
  type TemplateName,
  type TemplateValues,
} from "@/server/mail/templates";
import { catalogs } from "@/i18n/messages";

// every placeholder any template uses, with a recognisable value
const values = {
  shopName: "Shop «A»",
  operatorName: "Olga Operator",
  partnerName: "Partner GmbH",
  ownerName: "Otto Owner",
  serviceName: "Service 7",
  startedAt: "12 Mar 2026, 10:00",
  until: "15 Mar 2026, 18:00",
  requestedAt: "13 Mar 2026, 18:00",
  hours: "48",
  duration: "2 hours",
  requestedDuration: "4 hours",
  overridden: "yes",
  pending: "yes",
  managedBy: "provider",
  actorName: "Anna Owner",
  zone: "Europe/Berlin",
  scope: "View only",
  changed: "yes",
  sessions: "finish",
  decision: "approved",
  open: "no",
  message: "Back soon",
  status: "Suspended",
  host: "smtp.example.test:587",
  inviterName: "Ines Inviter",
  role: "Owner",
  companyName: "Partner GmbH",
  link: "https://backoffice.example.test/invitation/abc",
  expiresAt: "22 Mar 2026, 10:00",
} as TemplateValues<TemplateName>;

describe("email templates", () => {
  it("exist in English and German with the same keys", () => {
    expect(Object.keys(catalogs.de.mail.templates).sort()).toEqual(Object.keys(catalogs.en.mail.templates).sort());
    expect(Object.keys(catalogs.en.mail.templates).sort()).toEqual([...templateNames].sort());
  });

  it.each(["en", "de"] as const)(
    "render every template in %s with all placeholders filled, a footer, and links only in invitations and resets",
    (locale) => {
      for (const name of templateNames) {
        const { subject, text } = renderEmail(locale, name, values);
        expect(subject, name).not.toMatch(/[{}\n]/);
        expect(text, name).not.toMatch(/[{}]/);
        expect(text, name).toContain(catalogs[locale].mail.footer);
        const links = text.match(/https?:\/\/\S+|www\.\S+/gi) ?? [];
        // the single link of an invitation or reset is the one it was given; every other email has none
        expect(links, name).toEqual(LINK_TEMPLATES.includes(name) ? [values.link] : []);
      }
    },
  );

  it("puts the values where they belong and says so when an optional one is missing", () => {
    const requested = renderEmail("en", "remoteSupportRequested", {
      operatorName: "Olga",
      partnerName: "P1",
      shopName: "Shop A",
      duration: "2 hours",
    });
    expect(requested.subject).toBe("Remote support requested for Shop A");
    expect(requested.text).toContain(
      "Olga (P1) asks for remote support access to the back office of Shop A for 2 hours.",
    );
    expect(requested.text).toContain("Note from the operator: (none)");
    const withNote = renderEmail("de", "remoteSupportRequested", {
      operatorName: "Olga",
      partnerName: "P1",
      shopName: "Shop A",
      duration: "2 Stunden",
      note: "Ticket 42",
    });
    expect(withNote.text).toContain("Hinweis des Operators: Ticket 42");
  });

  it("turns no link someone typed into a note or a reason into a working link", () => {
    const typed = "URGENT: approve at https://backoffice-access.example.evil/login or www.evil.example, e.g. z.B. v1.2";
    const request = renderEmail("en", "remoteSupportRequested", { ...values, note: typed } as never);
    const rejection = renderEmail("de", "remoteSupportRejected", { ...values, reason: typed } as never);
    for (const { text } of [request, rejection]) {
      expect(text).toContain(
        "URGENT: approve at https[:]//backoffice-access[.]example[.]evil/login or www[.]evil[.]example, e.g. z.B. v1.2",
      );
      expect(text).not.toMatch(/https?:\/\//);
    }
    // the platform's own link stays whole
    expect(renderEmail("en", "passwordReset", values as never).text).toContain(values.link);
  });

  it("names the shop's provider in German as its back office does", () => {
    const { text } = renderEmail("de", "serviceAccessExpiresSoon", {
      shopName: "Shop A",
      until: "1. März",
      zone: "UTC",
    });
    expect(catalogs.de.shop.dashboard.provider).toBe("Dienstleister");
    expect(text).toContain("den Sie für die Support-Mitarbeiter Ihres Dienstleisters geöffnet haben");
  });

  it("tells an administrator of the platform's administrators, not of a company they have none of", () => {
    for (const [locale, platform, company] of [
      ["en", "You and the other administrators can no longer", "You and the other operators of your company can"],
      ["de", "Sie und die anderen Administratoren können sich", "Sie und die anderen Operatoren Ihres Unternehmens"],
    ] as const) {
      const text = (side: string) =>
        renderEmail(locale, "remoteSupportExpired", { shopName: "S", until: "now", side }).text;
      expect(text("platform")).toContain(platform);
      expect(text("platform")).not.toContain("Operatoren Ihres");
      expect(text("platform")).not.toContain("your company");
      expect(text("company")).toContain(company);
    }
  });

  it("keeps a subject on one line whatever the values contain", () => {
    const { subject } = renderEmail("en", "remoteSupportExpired", {
      shopName: "Evil\r\nBcc: x@y.test",
      until: "now",
      side: "company",
    });
    // (and the address in it, typed, is no link either)
    expect(subject).toBe("Remote support for Evil Bcc: x@y[.]test has expired");
  });
});
