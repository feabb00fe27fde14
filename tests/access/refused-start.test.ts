import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { catalogs } from "@/i18n/messages";
import { saveServiceAccessAction, startSupportSessionAction } from "@/server/access/actions";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";

// A refused "Open back office" / "Log in to support" is recorded in the shop's Support activity,
// as products of this kind record denied access: who tried, and why in words. At most one record
// per operator, shop and reason in a quarter of an hour, so nobody fills the log by clicking; the
// operator is told nothing more than before.
afterEach(() => vi.useRealTimers());
const NO_ACCESS = { ok: false, error: "This shop does not allow you in right now." };

async function world() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
  const [northwind, contoso] = [await partnerCompany(), await partnerCompany()];
  const alpine = await shop(northwind.id, { managedBy: "CUSTOMER" });
  const baltic = await shop(northwind.id, { managedBy: "SERVICE_PROVIDER" });
  return {
    alpine,
    baltic,
    owner: await member(alpine.id, "OWNER"),
    partner: await user("PARTNER", { partnerCompanyId: northwind.id }),
    stranger: await user("PARTNER", { partnerCompanyId: contoso.id }),
  };
}
const enter = (who: { id: string; role: UserRole }, shopId: string, via: "SERVICE_ACCESS" | "REMOTE_SUPPORT") =>
  startSupportSessionAction.as(callerFor(who))({ shopId, reason: "Ticket 77: payment page", via });
const refusals = (shopId: string) =>
  db.auditEvent.findMany({ where: { organizationId: shopId, action: "session.refused" }, orderBy: { id: "asc" } });
/** Refusals of a shop that is not the operator's company's: in the administrators' log alone. */
const platformRefusals = (shopId: string) =>
  db.auditEvent.findMany({
    where: { organizationId: null, targetId: shopId, action: "session.refused" },
    orderBy: { id: "asc" },
  });

describe("a refused start of a support session", () => {
  it("is recorded in the shop's history with who tried and why, once per reason in a quarter of an hour", async () => {
    const w = await world();
    // closed service access, no approved remote support, another partner's shop: each refused as before
    expect(await enter(w.partner, w.alpine.id, "SERVICE_ACCESS")).toEqual(NO_ACCESS);
    expect(await enter(w.partner, w.alpine.id, "REMOTE_SUPPORT")).toEqual(NO_ACCESS);
    expect(await enter(w.stranger, w.baltic.id, "REMOTE_SUPPORT")).toEqual(NO_ACCESS);
    // again and again, within the quarter of an hour: nothing more
    vi.setSystemTime(new Date("2026-11-23T09:14:59Z"));
    for (let i = 0; i < 3; i++) expect(await enter(w.partner, w.alpine.id, "SERVICE_ACCESS")).toEqual(NO_ACCESS);
    expect(await enter(w.stranger, w.baltic.id, "REMOTE_SUPPORT")).toEqual(NO_ACCESS);

    const alpine = await refusals(w.alpine.id);
    expect(alpine.map((e) => [e.actorId, e.actorLabel, e.supportSessionId, e.details])).toEqual([
      [w.partner.id, `${w.partner.name} <${w.partner.email}>`, null, { reason: "NO_SERVICE_ACCESS" }],
      [w.partner.id, `${w.partner.name} <${w.partner.email}>`, null, { reason: "NO_REMOTE_SUPPORT" }],
    ]);
    expect(await refusals(w.baltic.id)).toEqual([]);
    expect((await platformRefusals(w.baltic.id)).map((e) => [e.actorId, e.details])).toEqual([
      [w.stranger.id, { reason: "NOT_THEIRS" }],
    ]);
    // a quarter of an hour later, the next attempt is recorded again
    vi.setSystemTime(new Date("2026-11-23T09:15:00Z"));
    expect(await enter(w.partner, w.alpine.id, "SERVICE_ACCESS")).toEqual(NO_ACCESS);
    expect((await refusals(w.alpine.id)).map((e) => e.details)).toEqual([
      { reason: "NO_SERVICE_ACCESS" },
      { reason: "NO_REMOTE_SUPPORT" },
      { reason: "NO_SERVICE_ACCESS" },
    ]);
    expect(await db.supportSession.count({ where: { organizationId: { in: [w.alpine.id, w.baltic.id] } } })).toBe(0);
  });

  it("of another partner's operator while service access is open says the shop is not theirs, to the administrators alone", async () => {
    const w = await world();
    expect(
      await saveServiceAccessAction.as(callerFor(w.owner))({
        shopId: w.alpine.id,
        open: "yes",
        until: "2026-11-25",
        scope: "VIEW_ONLY",
      }),
    ).toMatchObject({ ok: true });
    expect(await enter(w.stranger, w.alpine.id, "SERVICE_ACCESS")).toEqual(NO_ACCESS);
    // the shop's people never read another company's staff in their history
    expect(await refusals(w.alpine.id)).toEqual([]);
    expect((await platformRefusals(w.alpine.id)).map((e) => [e.actorId, e.details])).toEqual([
      [w.stranger.id, { reason: "NOT_THEIRS" }],
    ]);
  });

  it("records nothing for a shop that does not exist, and answers as before", async () => {
    const w = await world();
    const before = await db.auditEvent.count();
    expect(await enter(w.partner, randomUUID(), "SERVICE_ACCESS")).toEqual(NO_ACCESS);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("reads as words in both languages", () => {
    for (const locale of ["en", "de"] as const) {
      const audit = catalogs[locale].common.audit;
      expect(audit.actions.session, locale).toHaveProperty("refused", expect.any(String));
      for (const reason of ["NO_SERVICE_ACCESS", "NO_REMOTE_SUPPORT", "NOT_THEIRS"])
        expect(audit.values, `${locale} ${reason}`).toHaveProperty(reason, expect.any(String));
    }
  });
});
