import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { UserRole } from "@/generated/prisma/enums";
import { shopAction } from "@/server/action";
import { endSessionByShopAction, saveServiceAccessAction, startSupportSessionAction } from "@/server/access/actions";
import { callerFor, db, issuerCompany, member, partnerCompany, shop, user } from "../support/factory";
import { endOfLocalDay } from "@/server/access/calendar";
import { runAccessHousekeeping } from "@/server/access/housekeeping";

// Monday 23 November 2026, 10:00 in Berlin
const MONDAY = new Date("2026-11-23T09:00:00Z");
afterEach(() => vi.useRealTimers());

async function world() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(MONDAY);
  const northwind = await partnerCompany();
  const contoso = await partnerCompany();
  const alpine = await shop(northwind.id);
  return {
    northwind,
    alpine,
    owner: await member(alpine.id, "OWNER"),
    superAdmin: await member(alpine.id, "SUPER_ADMIN"),
    staff: await member(alpine.id, "MEMBER"),
    partner: await user("PARTNER", { partnerCompanyId: northwind.id }),
    partner2: await user("PARTNER", { partnerCompanyId: northwind.id }),
    otherPartner: await user("PARTNER", { partnerCompanyId: contoso.id }),
    issuer: await user("ISSUER", { issuerCompanyId: (await issuerCompany()).id }),
    admin: await user("ADMINISTRATOR"),
  };
}

const open = (
  w: Awaited<ReturnType<typeof world>>,
  as: { id: string; role: UserRole },
  until = "2026-11-26",
  scope = "VIEW_AND_CHANGE",
) => saveServiceAccessAction.as(callerFor(as))({ shopId: w.alpine.id, open: "yes", until, scope });
const enter = (w: Awaited<ReturnType<typeof world>>, operator: { id: string; role: UserRole }, cookie?: string) =>
  startSupportSessionAction.as(callerFor(operator, cookie))({
    shopId: w.alpine.id,
    reason: "Ticket #4711 taxes",
    via: "SERVICE_ACCESS",
  });

describe("opening service access", () => {
  it("opens until midnight after the chosen day in the shop's time zone, audited, and changes it in place", async () => {
    const w = await world();
    const result = await open(w, w.owner);
    expect(result).toMatchObject({ ok: true, data: { state: "opened" } });
    const grant = await db.accessGrant.findFirstOrThrow({ where: { organizationId: w.alpine.id } });
    expect(grant).toMatchObject({
      kind: "SERVICE_ACCESS",
      status: "ACTIVE",
      scope: "VIEW_AND_CHANGE",
      partnerCompanyId: w.northwind.id,
    });
    expect(grant.endsAt?.toISOString()).toBe("2026-11-26T23:00:00.000Z");
    expect(await open(w, w.superAdmin, "2026-11-30", "VIEW_ONLY")).toMatchObject({
      ok: true,
      data: { state: "changed" },
    });
    const grants = await db.accessGrant.findMany({ where: { organizationId: w.alpine.id } });
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ status: "ACTIVE", scope: "VIEW_ONLY", endsAt: new Date("2026-11-30T23:00:00Z") });
    const events = await db.auditEvent.findMany({ where: { organizationId: w.alpine.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["access.opened", "access.changed"]);
    // the audit names the last day as the owner picked it, in the shop's zone, not the midnight after it
    expect(events.map((e) => e.details)).toEqual([
      { until: "2026-11-26", timeZone: "Europe/Berlin", scope: "VIEW_AND_CHANGE" },
      {
        until: "2026-11-30",
        timeZone: "Europe/Berlin",
        scope: "VIEW_ONLY",
        previousUntil: "2026-11-26",
        previousScope: "VIEW_AND_CHANGE",
      },
    ]);
  });

  it("refuses a date in the past, beyond 30 days or malformed, next to the field, and changes nothing", async () => {
    const w = await world();
    for (const [until, message] of [
      ["2026-11-22", "The date cannot be in the past."],
      ["2026-12-24", "Access can be opened for at most 30 days."],
      ["2026-02-31", "Enter a valid date."],
      ["", "Enter a valid date."],
    ]) {
      const result = await open(w, w.owner, until);
      expect(result.ok, until).toBe(false);
      if (!result.ok) expect(result.fieldErrors?.until, until).toBe(message);
    }
    expect(await db.accessGrant.count({ where: { organizationId: w.alpine.id } })).toBe(0);
  });

  it("refuses a forged call from members, other shops' owners, every operator and support sessions", async () => {
    const w = await world();
    const elsewhere = await member((await shop(w.northwind.id)).id, "OWNER");
    for (const caller of [w.staff, elsewhere, w.partner, w.admin, w.issuer, w.otherPartner]) {
      expect((await open(w, caller)).ok).toBe(false);
    }
    expect(await db.accessGrant.count({ where: { organizationId: w.alpine.id } })).toBe(0);
    // inside a support session, even with "View and change", the session cannot extend itself
    await open(w, w.owner, "2026-11-24");
    const entered = await enter(w, w.partner);
    if (!entered.ok) throw new Error(entered.error);
    const extend = await saveServiceAccessAction.as(callerFor(w.partner, entered.data.sessionId))({
      shopId: w.alpine.id,
      open: "yes",
      until: "2026-12-20",
      scope: "VIEW_AND_CHANGE",
    });
    expect(extend.ok).toBe(false);
    expect(
      (await db.accessGrant.findFirstOrThrow({ where: { organizationId: w.alpine.id } })).endsAt?.toISOString(),
    ).toBe("2026-11-24T23:00:00.000Z");
  });
});

describe("support sessions on service access", () => {
  it("let the shop's partner and administrators in, with a reason, and tell the owners", async () => {
    const w = await world();
    await open(w, w.owner);
    const result = await enter(w, w.partner);
    expect(result.ok).toBe(true);
    expect((await enter(w, w.admin)).ok).toBe(true);
    const sessions = await db.supportSession.findMany({ where: { organizationId: w.alpine.id } });
    expect(sessions.map((s) => [s.basis, s.scope, s.actingRole, s.reason])).toEqual([
      ["SERVICE_ACCESS", "VIEW_AND_CHANGE", "SUPER_ADMIN", "Ticket #4711 taxes"],
      ["SERVICE_ACCESS", "VIEW_AND_CHANGE", "SUPER_ADMIN", "Ticket #4711 taxes"],
    ]);
    const mails = await db.emailOutbox.findMany({ where: { organizationId: w.alpine.id } });
    expect(mails).toHaveLength(2);
    expect(mails[0].toAddresses).toEqual([w.owner.email]);
    expect(mails[0].text).toContain("Ticket #4711 taxes");
    expect(mails[0].text).not.toMatch(/https?:\/\//);
  });

  it("refuse other partners, issuers, merchants, short reasons and closed shops", async () => {
    const w = await world();
    expect((await enter(w, w.partner)).ok).toBe(false);
    await open(w, w.owner);
    for (const caller of [w.otherPartner, w.issuer]) expect((await enter(w, caller)).ok).toBe(false);
    expect(
      (
        await startSupportSessionAction.as(callerFor(w.owner))({
          shopId: w.alpine.id,
          reason: "Ticket #4711 taxes",
          via: "SERVICE_ACCESS",
        })
      ).ok,
    ).toBe(false);
    const short = await startSupportSessionAction.as(callerFor(w.partner))({
      shopId: w.alpine.id,
      reason: "short",
      via: "SERVICE_ACCESS",
    });
    expect(short).toMatchObject({ ok: false, fieldErrors: { reason: "Give a reason of at least 10 characters." } });
    expect(await db.supportSession.count({ where: { organizationId: w.alpine.id } })).toBe(0);
  });

  it("refuse a nested session while the operator is inside one", async () => {
    const w = await world();
    await open(w, w.owner);
    const first = await enter(w, w.partner);
    if (!first.ok) throw new Error(first.error);
    expect(await enter(w, w.partner, first.data.sessionId)).toMatchObject({
      ok: false,
      error: "You are already in a support session. End it before you open another back office.",
    });
  });

  it("close at the instant access ends, on the next request, and the grant is marked expired once", async () => {
    const w = await world();
    await open(w, w.owner, "2026-11-23");
    const entered = await enter(w, w.partner);
    if (!entered.ok) throw new Error(entered.error);
    const look = shopAction({ permission: "shop.view", schema: z.object({ shopId: z.string() }) }, async () => "seen");
    // the operator keeps working: a request every 25 minutes (the idle limit would end it at 30)
    const last = new Date("2026-11-23T22:59:59.999Z").getTime();
    for (let at = Date.now() + 25 * 60_000; ; at = Math.min(at + 25 * 60_000, last)) {
      vi.setSystemTime(new Date(at));
      expect(await look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.alpine.id })).toMatchObject({
        ok: true,
      });
      if (at === last) break;
    }
    vi.setSystemTime(new Date("2026-11-23T23:00:00.000Z"));
    const [a, b] = await Promise.all([
      look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.alpine.id }),
      look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.alpine.id }),
    ]);
    expect([a, b]).toEqual([
      { ok: false, error: "Your support session has ended." },
      { ok: false, error: "Your support session has ended." },
    ]);
    expect((await db.accessGrant.findFirstOrThrow({ where: { organizationId: w.alpine.id } })).status).toBe("EXPIRED");
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: entered.data.sessionId } })).endReason).toBe(
      "GRANT_EXPIRED",
    );
    const expired = await db.auditEvent.findMany({ where: { organizationId: w.alpine.id, action: "access.expired" } });
    expect(expired.map((e) => e.details)).toEqual([
      { until: "2026-11-23", timeZone: "Europe/Berlin", endedSessions: 1 },
    ]);
    expect((await enter(w, w.partner2)).ok).toBe(false);
  });
});

describe("closing service access", () => {
  const look = shopAction({ permission: "shop.view", schema: z.object({ shopId: z.string() }) }, async () => "seen");

  it("with 'End them now' ends the sessions in progress at once", async () => {
    const w = await world();
    await open(w, w.owner);
    const a = await enter(w, w.partner);
    const b = await enter(w, w.admin);
    if (!a.ok || !b.ok) throw new Error("not entered");
    const closed = await saveServiceAccessAction.as(callerFor(w.owner))({
      shopId: w.alpine.id,
      open: "no",
      sessions: "END_NOW",
    });
    expect(closed).toMatchObject({ ok: true, data: { state: "closed", endedSessions: 2 } });
    expect(await db.accessGrant.findFirstOrThrow({ where: { organizationId: w.alpine.id } })).toMatchObject({
      status: "REVOKED",
      closedById: w.owner.id,
      endedSessions: true,
    });
    expect(await look.as(callerFor(w.partner, a.data.sessionId))({ shopId: w.alpine.id })).toMatchObject({ ok: false });
    const sessions = await db.supportSession.findMany({ where: { organizationId: w.alpine.id } });
    expect(sessions.map((s) => s.endReason)).toEqual(["ACCESS_CLOSED", "ACCESS_CLOSED"]);
    expect((await enter(w, w.partner2)).ok).toBe(false);
    const closeEvent = await db.auditEvent.findFirstOrThrow({
      where: { organizationId: w.alpine.id, action: "access.closed" },
    });
    expect(closeEvent.details).toEqual({ sessions: "END_NOW", endedSessions: 2 });
  });

  it("with 'Let them finish' lets running sessions go on to the old end, but nobody new comes in", async () => {
    const w = await world();
    await open(w, w.owner, "2026-11-24");
    const a = await enter(w, w.partner);
    if (!a.ok) throw new Error(a.error);
    expect(
      await saveServiceAccessAction.as(callerFor(w.owner))({ shopId: w.alpine.id, open: "no", sessions: "LET_FINISH" }),
    ).toMatchObject({ ok: true, data: { state: "closed", endedSessions: 0 } });
    expect(await look.as(callerFor(w.partner, a.data.sessionId))({ shopId: w.alpine.id })).toMatchObject({ ok: true });
    expect((await enter(w, w.partner2)).ok).toBe(false);
    vi.setSystemTime(new Date("2026-11-24T23:00:00Z"));
    expect(await look.as(callerFor(w.partner, a.data.sessionId))({ shopId: w.alpine.id })).toMatchObject({ ok: false });
  });

  it("lets the owner end one session, and not a session of another shop", async () => {
    const w = await world();
    await open(w, w.owner);
    const a = await enter(w, w.partner);
    if (!a.ok) throw new Error(a.error);
    const stranger = await member((await shop(w.northwind.id)).id, "OWNER");
    expect(
      (await endSessionByShopAction.as(callerFor(w.staff))({ shopId: w.alpine.id, sessionId: a.data.sessionId })).ok,
    ).toBe(false);
    expect(
      (await endSessionByShopAction.as(callerFor(stranger))({ shopId: w.alpine.id, sessionId: a.data.sessionId })).ok,
    ).toBe(false);
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: a.data.sessionId } })).endedAt).toBeNull();
    expect(
      (await endSessionByShopAction.as(callerFor(w.owner))({ shopId: w.alpine.id, sessionId: a.data.sessionId })).ok,
    ).toBe(true);
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: a.data.sessionId } })).endReason).toBe(
      "MERCHANT_ENDED",
    );
  });

  it("ends in one consistent state when two owners change it at once", async () => {
    const w = await world();
    const results = await Promise.all([
      open(w, w.owner, "2026-11-26"),
      open(w, w.superAdmin, "2026-12-01", "VIEW_ONLY"),
      open(w, w.owner, "2026-11-27"),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const grants = await db.accessGrant.findMany({ where: { organizationId: w.alpine.id } });
    expect(grants).toHaveLength(1);
    const events = await db.auditEvent.findMany({ where: { organizationId: w.alpine.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["access.opened", "access.changed", "access.changed"]);
    // the grant holds what the last recorded change says
    const last = events[2].details as { until: string; timeZone: string };
    expect(grants[0].endsAt).toEqual(endOfLocalDay(last.until, last.timeZone));

    await enter(w, w.partner);
    const [closeA, closeB, reopen] = await Promise.all([
      saveServiceAccessAction.as(callerFor(w.owner))({ shopId: w.alpine.id, open: "no", sessions: "END_NOW" }),
      saveServiceAccessAction.as(callerFor(w.superAdmin))({ shopId: w.alpine.id, open: "no", sessions: "LET_FINISH" }),
      open(w, w.owner, "2026-11-28"),
    ]);
    expect([closeA, closeB, reopen].every((r) => r.ok)).toBe(true);
    // whatever the order, the log replays to the state the database holds
    const log = await db.auditEvent.findMany({
      where: { organizationId: w.alpine.id, action: { startsWith: "access." } },
      orderBy: { id: "desc" },
    });
    const active = await db.accessGrant.count({ where: { organizationId: w.alpine.id, status: "ACTIVE" } });
    expect(active).toBe(log[0].action === "access.closed" ? 0 : 1);
    const closes = [closeA, closeB].filter((r) => r.ok && r.data.state === "closed").length;
    expect(closes).toBe(log.filter((e) => e.action === "access.closed").length);
    expect(closes).toBeGreaterThanOrEqual(1);
  });
});

describe("review findings", () => {
  const look = shopAction({ permission: "shop.view", schema: z.object({ shopId: z.string() }) }, async () => "seen");

  it("'End them now' also ends sessions an earlier 'Let them finish' left running", async () => {
    const w = await world();
    await open(w, w.owner);
    const first = await enter(w, w.partner);
    if (!first.ok) throw new Error(first.error);
    await saveServiceAccessAction.as(callerFor(w.owner))({ shopId: w.alpine.id, open: "no", sessions: "LET_FINISH" });
    await open(w, w.owner, "2026-11-25", "VIEW_ONLY");
    expect(
      await saveServiceAccessAction.as(callerFor(w.owner))({ shopId: w.alpine.id, open: "no", sessions: "END_NOW" }),
    ).toMatchObject({ ok: true, data: { endedSessions: 1 } });
    expect(await look.as(callerFor(w.partner, first.data.sessionId))({ shopId: w.alpine.id })).toMatchObject({
      ok: false,
    });
  });

  it("a double click starts one session, and the operator has one running session at most", async () => {
    const w = await world();
    await open(w, w.owner);
    const results = await Promise.all([enter(w, w.partner), enter(w, w.partner), enter(w, w.partner)]);
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
    expect(await db.supportSession.count({ where: { operatorId: w.partner.id, endedAt: null } })).toBe(1);
  });

  it("a session ends when its operator leaves the shop's partner company", async () => {
    const w = await world();
    await open(w, w.owner);
    const entered = await enter(w, w.partner);
    if (!entered.ok) throw new Error(entered.error);
    const elsewhere = await partnerCompany();
    await db.user.update({ where: { id: w.partner.id }, data: { partnerCompanyId: elsewhere.id } });
    expect(await look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.alpine.id })).toMatchObject({
      ok: false,
    });
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: entered.data.sessionId } })).endReason).toBe(
      "OPERATOR_CHANGED",
    );
    const ended = await db.auditEvent.findFirstOrThrow({
      where: { action: "session.ended", targetId: entered.data.sessionId },
    });
    expect(ended).toMatchObject({
      actorLabel: "system",
      organizationId: w.alpine.id,
      details: { reason: "OPERATOR_CHANGED" },
    });
  });

  it("a cookie of 36 dashes is no session, not an error", async () => {
    const w = await world();
    expect(await look.as(callerFor(w.partner, "-".repeat(36)))({ shopId: w.alpine.id })).toEqual({
      ok: false,
      error: "You are not allowed to do this.",
    });
  });

  it("a save that changes neither end nor scope records nothing, and only a new end sends a new reminder", async () => {
    const w = await world();
    await open(w, w.owner, "2026-11-25", "VIEW_ONLY");
    vi.setSystemTime(new Date("2026-11-24T23:00:00Z")); // a day before the end: the reminder goes out
    await runAccessHousekeeping();
    const reminders = () =>
      db.emailOutbox.count({ where: { organizationId: w.alpine.id, kind: "access.expires-soon" } });
    expect(await reminders()).toBe(1);
    expect(await open(w, w.owner, "2026-11-25", "VIEW_ONLY")).toMatchObject({ ok: true, data: { state: "unchanged" } });
    await runAccessHousekeeping();
    expect(await reminders()).toBe(1);
    // other rights until the same day: recorded, but the owners were told of that end already
    expect(await open(w, w.owner, "2026-11-25", "VIEW_AND_CHANGE")).toMatchObject({ data: { state: "changed" } });
    await runAccessHousekeeping();
    expect(await reminders()).toBe(1);
    await open(w, w.owner, "2026-11-25", "VIEW_ONLY");
    const events = await db.auditEvent.findMany({ where: { organizationId: w.alpine.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["access.opened", "access.changed", "access.changed"]);
  });
});

describe("the other owners", () => {
  const told = async (organizationId: string) => {
    const mails = await db.emailOutbox.findMany({
      where: { organizationId, kind: { in: ["access.opened", "access.changed", "access.closed"] } },
    });
    await db.emailOutbox.deleteMany({ where: { organizationId } });
    return mails.map((m) => ({ to: m.toAddresses, subject: m.subject, text: m.text }));
  };

  it("are told once, in their language, when one opens, changes or closes service access; not the one who did it", async () => {
    const w = await world();
    const german = await member(w.alpine.id, "OWNER");
    await db.user.update({ where: { id: german.id }, data: { locale: "DE", timeZone: "America/New_York" } });
    const shopName = w.alpine.name;

    expect(await open(w, w.owner, "2026-11-26", "VIEW_ONLY")).toMatchObject({ ok: true });
    expect(await told(w.alpine.id)).toEqual([
      {
        to: [german.email],
        subject: `Servicezugang zu ${shopName} geöffnet`,
        // the last day as the Status page names it, in the shop's zone, not the reader's
        text: expect.stringContaining(
          `${w.owner.name} hat den Servicezugang zu ${shopName} für die Support-Mitarbeiter Ihres Dienstleisters und die Administratoren der Plattform geöffnet: bis einschließlich Donnerstag, 26. November 2026 (Zeitzone des Shops: Europe/Berlin); was der Support darf: Nur ansehen.`,
        ),
      },
    ]);
    expect(await open(w, w.owner, "2026-11-26", "VIEW_ONLY")).toMatchObject({ data: { state: "unchanged" } });
    expect(await told(w.alpine.id)).toEqual([]);

    // a super admin's change reaches every owner
    expect(await open(w, w.superAdmin, "2026-11-30", "VIEW_AND_CHANGE")).toMatchObject({ data: { state: "changed" } });
    const changed = await told(w.alpine.id);
    expect(changed.map((m) => m.to[0]).sort()).toEqual([w.owner.email, german.email].sort());
    expect(changed.find((m) => m.to[0] === w.owner.email)).toEqual({
      to: [w.owner.email],
      subject: `Service access to ${shopName} changed`,
      text: expect.stringContaining(
        `${w.superAdmin.name} changed the service access to ${shopName}: your provider's support staff and the platform's administrators may now enter until the end of Monday, November 30, 2026 (the shop's time zone, Europe/Berlin); what support may do: View and change.`,
      ),
    });

    expect(
      await saveServiceAccessAction.as(callerFor(german))({ shopId: w.alpine.id, open: "no", sessions: "LET_FINISH" }),
    ).toMatchObject({ data: { state: "closed" } });
    expect(await told(w.alpine.id)).toEqual([
      {
        to: [w.owner.email],
        subject: `Service access to ${shopName} closed`,
        text: expect.stringContaining(
          `${german.name} closed the service access to ${shopName}. Support sessions in progress may finish; nobody new can enter through it.`,
        ),
      },
    ]);
    expect(
      await saveServiceAccessAction.as(callerFor(german))({ shopId: w.alpine.id, open: "no", sessions: "END_NOW" }),
    ).toMatchObject({ data: { state: "alreadyClosed" } });
    expect(await told(w.alpine.id)).toEqual([]);
  });
});
