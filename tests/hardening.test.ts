import { describe, expect, it } from "vitest";
import { isCleanText } from "@/lib/text";
import { endSessionByShopAction, saveServiceAccessAction, startSupportSessionAction } from "@/server/access/actions";
import { createCompanyAction } from "@/server/companies/actions";
import { updateServiceAction } from "@/server/client-services/actions";
import { addNoteAction } from "@/server/lifecycle/actions";
import { setLocaleAction } from "@/server/preferences/actions";
import { saveStorefrontStatusAction } from "@/server/shop/actions";
import {
  callerFor,
  clientService,
  db,
  issuerCompany,
  member,
  partnerCompany,
  shop,
  supportSession,
  user,
} from "./support/factory";

const INVALID = "Remove invisible or control characters (such as line breaks in a one-line field).";
const BAD = { nul: "Shop\u0000name", surrogate: "Shop \uD800 name", bell: "Shop\u0007name" };

describe("text that must not reach the database", () => {
  it("is recognised: NUL, unpaired surrogates and controls everywhere; line breaks and tabs only where text may span lines", () => {
    for (const value of Object.values(BAD)) expect(isCleanText(value, true), JSON.stringify(value)).toBe(false);
    expect(isCleanText("line one\nline two\ttabbed", true)).toBe(true);
    expect(isCleanText("line one\nline two", false)).toBe(false);
    expect(isCleanText("Müller – Café 😀", false)).toBe(true);
  });

  it("is refused next to its field and changes nothing (alias, note, closed-shop message, reason)", async () => {
    const partner = await partnerCompany();
    const issuer = await issuerCompany();
    const service = await clientService(partner.id, issuer.id, { alias: "Clean alias" });
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const owner = await member(service.organizationId, "OWNER");
    for (const [name, value] of Object.entries(BAD)) {
      const alias = await updateServiceAction.as(callerFor(operator))({
        serviceId: service.id,
        alias: value,
        configLanguage: "EN",
      });
      expect(alias, name).toMatchObject({ ok: false, fieldErrors: { alias: INVALID } });
      const note = await addNoteAction.as(callerFor(operator))({ serviceId: service.id, body: value });
      expect(note, name).toMatchObject({ ok: false, fieldErrors: { body: INVALID } });
      const closed = await saveStorefrontStatusAction.as(callerFor(owner))({
        shopId: service.organizationId,
        storefrontOpen: "no",
        closedMessage: value,
      });
      expect(closed, name).toMatchObject({ ok: false, fieldErrors: { closedMessage: INVALID } });
      const reason = await startSupportSessionAction.as(callerFor(operator))({
        shopId: service.organizationId,
        reason: `Ticket ${value} long enough`,
        via: "SERVICE_ACCESS",
      });
      expect(reason, name).toMatchObject({ ok: false, fieldErrors: { reason: INVALID } });
    }
    const company = await createCompanyAction.as(callerFor(await user("ADMINISTRATOR")))({
      name: "Two\nlines",
      kind: "partner",
    });
    expect(company).toMatchObject({ ok: false, fieldErrors: { name: INVALID } });
    expect((await db.clientService.findUniqueOrThrow({ where: { id: service.id } })).alias).toBe("Clean alias");
    expect(await db.serviceNote.count()).toBe(0);
    expect((await db.organization.findUniqueOrThrow({ where: { id: service.organizationId } })).storefrontOpen).toBe(
      true,
    );
    expect(await db.supportSession.count()).toBe(0);
  });
});

describe("authorization comes before validation", () => {
  it("an operator without the permission, a stranger and a non-member learn nothing about the input's shape", async () => {
    const partner = await partnerCompany();
    const alpine = await shop(partner.id);
    const refused = { ok: false, error: "You are not allowed to do this." };
    expect(
      await createCompanyAction.as(callerFor(await user("PARTNER", { partnerCompanyId: partner.id })))({
        name: "",
        kind: "nonsense",
      }),
    ).toEqual(refused);
    expect(await createCompanyAction.as({ identity: null, locale: "en" })({ name: "" })).toEqual(refused);
    const stranger = await member((await shop(partner.id)).id, "OWNER");
    expect(await saveServiceAccessAction.as(callerFor(stranger))({ shopId: alpine.id, open: "maybe" })).toEqual(
      refused,
    );
    expect(await saveServiceAccessAction.as(callerFor(stranger))({ shopId: "not-a-uuid" })).toEqual(refused);
  });
});

describe("odd calls answer plainly", () => {
  it("the language switcher called with anything but its form changes nothing and does not fail", async () => {
    await expect(setLocaleAction("de")).resolves.toBeUndefined();
    await expect(setLocaleAction(null)).resolves.toBeUndefined();
    await expect(setLocaleAction({ locale: "de" })).resolves.toBeUndefined();
  });

  it("a back-office action sent no object at all is refused as any stranger is, not an unexpected error", async () => {
    const partner = await partnerCompany();
    const owner = await member((await shop(partner.id)).id, "OWNER");
    const save = saveServiceAccessAction.as(callerFor(owner)) as (input: unknown) => Promise<unknown>;
    for (const input of [null, undefined, "shopId", 42])
      expect(await save(input), String(input)).toEqual({ ok: false, error: "You are not allowed to do this." });
  });

  it("ending a session that is not this shop's is 'not found', and ends nothing", async () => {
    const partner = await partnerCompany();
    const alpine = await shop(partner.id);
    const other = await shop(partner.id);
    const owner = await member(alpine.id, "OWNER");
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const { session } = await supportSession(operator.id, other.id, partner.id);
    const result = await endSessionByShopAction.as(callerFor(owner))({ shopId: alpine.id, sessionId: session.id });
    expect(result).toEqual({ ok: false, error: "This page does not exist or you have no access to it." });
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: session.id } })).endedAt).toBeNull();
  });
});

describe("a check and the write it guards", () => {
  it("a change inside a support session never lands after 'End them now' committed", async () => {
    const partner = await partnerCompany();
    for (let round = 0; round < 8; round++) {
      const alpine = await shop(partner.id);
      const owner = await member(alpine.id, "OWNER");
      const operator = await user("PARTNER", { partnerCompanyId: partner.id });
      await saveServiceAccessAction.as(callerFor(owner))({
        shopId: alpine.id,
        open: "yes",
        until: new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10),
        scope: "VIEW_AND_CHANGE",
      });
      const entered = await startSupportSessionAction.as(callerFor(operator))({
        shopId: alpine.id,
        reason: "Ticket 5: storefront",
        via: "SERVICE_ACCESS",
      });
      if (!entered.ok) throw new Error(entered.error);
      const [change, close] = await Promise.all([
        saveStorefrontStatusAction.as(callerFor(operator, entered.data.sessionId))({
          shopId: alpine.id,
          storefrontOpen: "no",
        }),
        saveServiceAccessAction.as(callerFor(owner))({ shopId: alpine.id, open: "no", sessions: "END_NOW" }),
      ]);
      expect(close.ok).toBe(true);
      const events = await db.auditEvent.findMany({
        where: { organizationId: alpine.id, action: { in: ["shop.status-changed", "access.closed"] } },
        orderBy: { seq: "asc" },
        select: { action: true },
      });
      // either the change was refused, or it committed before access was closed
      expect(
        events.map((e) => e.action),
        `round ${round}`,
      ).toEqual(change.ok ? ["shop.status-changed", "access.closed"] : ["access.closed"]);
      expect((await db.organization.findUniqueOrThrow({ where: { id: alpine.id } })).storefrontOpen).toBe(!change.ok);
    }
  });
});

describe("numbers typed as digits", () => {
  it("an SMTP port is digits only", async () => {
    const { smtpFormSchema } = await import("@/server/smtp-settings/store");
    const form = { host: "smtp.example.com", security: "STARTTLS", fromAddress: "a@example.com" };
    expect(smtpFormSchema.safeParse({ ...form, port: "587" }).success).toBe(true);
    for (const port of ["5.87e2", "0x24b", "587a", "-587", "", "70000", "58\u00007"]) {
      expect(smtpFormSchema.safeParse({ ...form, port }).success, JSON.stringify(port)).toBe(false);
    }
    expect(smtpFormSchema.safeParse({ ...form, port: "587", username: "user\nRCPT TO:<x@y>" }).success).toBe(false);
  });

  it("an SMTP sender is an address of at most 254 characters", async () => {
    const { smtpFormSchema } = await import("@/server/smtp-settings/store");
    const form = { host: "smtp.example.com", security: "STARTTLS", port: "587" };
    expect(smtpFormSchema.safeParse({ ...form, fromAddress: `${"a".repeat(240)}@example.com` }).success).toBe(true);
    const long = smtpFormSchema.safeParse({ ...form, fromAddress: `${"a".repeat(250)}@example.com` });
    expect(long.success ? [] : long.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["fromAddress", "console.smtp.errors.tooLong"],
    ]);
  });
});
