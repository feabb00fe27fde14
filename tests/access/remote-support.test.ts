import { afterEach, describe, expect, it, vi } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { z } from "zod";
import { shopAction } from "@/server/action";
import { startSupportSessionAction } from "@/server/access/actions";
import { expireGrant } from "@/server/access/grant-expiry";
import { runAccessHousekeeping } from "@/server/access/housekeeping";
import { remoteStates, searchOrganizations } from "@/server/access/org-search";
import {
  approveRemoteSupportAction,
  rejectRemoteSupportAction,
  requestRemoteSupportAction,
  revokeRemoteSupportAction,
} from "@/server/access/remote-support-actions";
import { loadViewer, type Operator } from "@/server/viewer";
import { callerFor, db, issuerCompany, member, partnerCompany, shop, supportSession, user } from "../support/factory";

afterEach(() => vi.useRealTimers());
const look = shopAction({ permission: "shop.view", schema: z.object({ shopId: z.string() }) }, async () => "seen");

async function world() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
  const northwind = await partnerCompany();
  const contoso = await partnerCompany();
  const alpine = await shop(northwind.id, {
    managedBy: "CUSTOMER",
    name: "Café Müller Alpine",
    number: "+49 30 1234-567",
  });
  const baltic = await shop(northwind.id, { managedBy: "SERVICE_PROVIDER" });
  return {
    northwind,
    alpine,
    baltic,
    owner: await member(alpine.id, "OWNER"),
    owner2: await member(alpine.id, "OWNER"),
    staff: await member(alpine.id, "MEMBER"),
    partner: await user("PARTNER", { partnerCompanyId: northwind.id }),
    partner2: await user("PARTNER", { partnerCompanyId: northwind.id }),
    otherPartner: await user("PARTNER", { partnerCompanyId: contoso.id }),
    issuer: await user("ISSUER", { issuerCompanyId: (await issuerCompany()).id }),
    admin: await user("ADMINISTRATOR"),
  };
}
type World = Awaited<ReturnType<typeof world>>;

const request = (
  w: World,
  who: { id: string; role: UserRole } = w.partner,
  minutes = 240,
  note = "Checkout broken, ticket 99",
) => requestRemoteSupportAction.as(callerFor(who))({ shopId: w.alpine.id, minutes: String(minutes), note });
const pendingGrant = (w: World) =>
  db.accessGrant.findFirstOrThrow({ where: { organizationId: w.alpine.id, status: "REQUESTED" } });
const login = (w: World, who: { id: string; role: UserRole }, shopId = w.alpine.id) =>
  startSupportSessionAction.as(callerFor(who))({ shopId, reason: "Ticket 99: checkout broken", via: "REMOTE_SUPPORT" });
const asOperator = async (u: { id: string; role: UserRole }) =>
  (await loadViewer({ userId: u.id, role: u.role })) as Operator;

describe("finding organizations", () => {
  it("by UUID, partial accent-free name, customer reference prefix and any formatting of the number, within the partner's company", async () => {
    const w = await world();
    const partner = await asOperator(w.partner);
    const ref = w.alpine.customerReference;
    for (const q of [
      w.alpine.id,
      "cafe muller",
      "MÜLLER",
      "alpi",
      ref,
      ref.toLowerCase().slice(0, 6),
      "+49 30 1234-567",
      "4930 1234567",
      "(49) 30-1234",
    ]) {
      const { hits } = await searchOrganizations(partner, q);
      expect(
        hits.map((h) => h.id),
        q,
      ).toContain(w.alpine.id);
    }
    expect((await searchOrganizations(partner, "zzz-nothing")).hits).toEqual([]);
    // fewer than three letters in a row: where a word of the name starts, not inside one
    for (const q of ["Ca", "mü", "AL"])
      expect(
        (await searchOrganizations(partner, q)).hits.map((h) => h.id),
        q,
      ).toContain(w.alpine.id);
    for (const q of ["ül", "pi", "é m"])
      expect(
        (await searchOrganizations(partner, q)).hits.map((h) => h.id),
        q,
      ).not.toContain(w.alpine.id);
    expect((await searchOrganizations(await asOperator(w.otherPartner), "cafe muller")).hits).toEqual([]);
    expect((await searchOrganizations(await asOperator(w.otherPartner), w.alpine.id)).hits).toEqual([]);
    expect((await searchOrganizations(await asOperator(w.admin), "cafe muller")).hits.map((h) => h.id)).toContain(
      w.alpine.id,
    );
  });

  it("treats % and _ as text, not as wildcards", async () => {
    const w = await world();
    expect((await searchOrganizations(await asOperator(w.partner), "%")).hits).toEqual([]);
    expect((await searchOrganizations(await asOperator(w.partner), "__")).hits).toEqual([]);
    // a cursor edited by hand starts from the first page
    expect(
      (await searchOrganizations(await asOperator(w.partner), "alpine", { after: "garbage" })).hits.map((h) => h.id),
    ).toContain(w.alpine.id);
    expect(
      (await searchOrganizations(await asOperator(w.partner), "alpine", { before: "W1siYSJdXQ" })).hits.map(
        (h) => h.id,
      ),
    ).toContain(w.alpine.id);
  });
});

describe("the state each search result shows", () => {
  it("is the viewer's own side's request or consent: pending with who asked, then active until its end; none for others", async () => {
    const w = await world();
    const partner = await asOperator(w.partner);
    const { hits } = await searchOrganizations(partner, "alpine");
    const stateOf = async (who: Operator) => (await remoteStates(who, hits))[w.alpine.id];
    expect(await stateOf(partner)).toEqual({ kind: "none" });
    expect(await request(w)).toMatchObject({ ok: true });
    const pending = {
      kind: "pending",
      requestedBy: w.partner.name,
      requestedAt: new Date("2026-11-23T09:00:00Z"),
      lapsesAt: new Date("2026-11-25T09:00:00Z"),
      minutes: 240,
    };
    expect(await stateOf(partner)).toEqual(pending);
    // another operator of the same partner sees the request too; another partner and the platform's administrators do not
    expect(await stateOf(await asOperator(w.partner2))).toEqual(pending);
    expect(await stateOf(await asOperator(w.otherPartner))).toEqual({ kind: "none" });
    expect(await stateOf(await asOperator(w.admin))).toEqual({ kind: "none" });
    const grant = await pendingGrant(w);
    expect(
      await approveRemoteSupportAction.as(callerFor(w.owner))({
        shopId: w.alpine.id,
        grantId: grant.id,
        minutes: "60",
        reason: "",
      }),
    ).toMatchObject({ ok: true });
    expect(await stateOf(partner)).toEqual({
      kind: "active",
      until: new Date("2026-11-23T10:00:00Z"),
      grantId: grant.id,
    });
    // a request lapsed or a consent ended shows as nothing, on the next request after its end
    vi.setSystemTime(new Date("2026-11-23T10:00:00Z"));
    expect(await stateOf(partner)).toEqual({ kind: "none" });
    expect(await remoteStates(partner, [])).toEqual({});
  });
});

describe("requesting remote support", () => {
  it("queues one request per organization and partner, tells the owners, and says why a second is refused", async () => {
    const w = await world();
    expect(await request(w)).toMatchObject({ ok: true });
    const grant = await pendingGrant(w);
    expect(grant).toMatchObject({
      requestedMinutes: 240,
      note: "Checkout broken, ticket 99",
      requestedById: w.partner.id,
      requestExpiresAt: new Date("2026-11-25T09:00:00Z"),
    });
    const mails = await db.emailOutbox.findMany({
      where: { organizationId: w.alpine.id, kind: "remote-support.requested" },
    });
    expect(mails.map((m) => m.toAddresses[0]).sort()).toEqual([w.owner.email, w.owner2.email].sort());
    expect(mails[0].text).toContain("4 hours");
    expect(mails[0].text).toContain("Checkout broken, ticket 99");
    expect(mails[0].text).not.toMatch(/https?:\/\//);
    const again = await request(w, w.partner2);
    expect(again).toMatchObject({ ok: false });
    if (!again.ok) expect(again.error).toContain(w.partner.name);
    expect(await db.accessGrant.count({ where: { organizationId: w.alpine.id } })).toBe(1);
  });

  it("refuses durations outside the choices, service-provider shops, and forged calls", async () => {
    const w = await world();
    expect(await request(w, w.partner, 90)).toMatchObject({ ok: false, fieldErrors: { minutes: expect.any(String) } });
    // a duration is its digits: not hexadecimal, an exponent or a word, each said as what it is
    for (const minutes of ["0x3c", "6e1", "60.0", "abc", ""])
      expect(
        await requestRemoteSupportAction.as(callerFor(w.partner))({ shopId: w.alpine.id, minutes, note: "" }),
        minutes,
      ).toMatchObject({ ok: false, fieldErrors: { minutes: "Choose one of the offered durations." } });
    expect(
      (await requestRemoteSupportAction.as(callerFor(w.partner))({ shopId: w.baltic.id, minutes: "60", note: "" })).ok,
    ).toBe(false);
    for (const who of [w.otherPartner, w.issuer, w.owner]) expect((await request(w, who)).ok).toBe(false);
    expect(await db.accessGrant.count({ where: { organizationId: { in: [w.alpine.id, w.baltic.id] } } })).toBe(0);
  });

  it("is refused, and nothing asked or recorded, while no owner could hear of it or answer it", async () => {
    const w = await world();
    const ownerless = await shop(w.northwind.id, { managedBy: "CUSTOMER" });
    const invitedOnly = await user("MERCHANT");
    await db.user.update({ where: { id: invitedOnly.id }, data: { passwordHash: null } });
    await db.membership.create({ data: { userId: invitedOnly.id, organizationId: ownerless.id, role: "OWNER" } });
    const result = await requestRemoteSupportAction.as(callerFor(w.partner))({
      shopId: ownerless.id,
      minutes: "60",
      note: "",
    });
    expect(result).toEqual({
      ok: false,
      error: "Nobody could answer: this organization has no owner who can sign in yet. Invite its owner first.",
    });
    expect(await db.accessGrant.count({ where: { organizationId: ownerless.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { organizationId: ownerless.id } })).toBe(0);
  });

  it("lapses by itself after 48 hours, and an approval after that is refused with the reason", async () => {
    const w = await world();
    await request(w);
    const grant = await pendingGrant(w);
    vi.setSystemTime(new Date("2026-11-25T09:00:00Z"));
    const late = await approveRemoteSupportAction.as(callerFor(w.owner))({
      shopId: w.alpine.id,
      grantId: grant.id,
      minutes: "240",
    });
    expect(late).toEqual({ ok: false, error: "This request has lapsed: nobody answered it within 48 hours." });
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("EXPIRED");
    expect((await request(w)).ok).toBe(true);
  });
  it("tells the requester once, in their language, that nobody answered, however many instances notice it", async () => {
    const w = await world();
    await db.user.update({ where: { id: w.partner.id }, data: { locale: "DE", timeZone: "Europe/Berlin" } });
    await request(w);
    const grant = await pendingGrant(w);
    vi.setSystemTime(new Date("2026-11-25T09:00:00Z"));
    await Promise.all([
      runAccessHousekeeping(),
      runAccessHousekeeping(),
      approveRemoteSupportAction.as(callerFor(w.owner))({ shopId: w.alpine.id, grantId: grant.id, minutes: "240" }),
    ]);
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("EXPIRED");
    const told = await db.emailOutbox.findMany({
      where: { organizationId: w.alpine.id, kind: "remote-support.lapsed" },
    });
    expect(told.map((m) => [m.toAddresses, m.subject])).toEqual([
      [[w.partner.email], "Fernsupport-Anfrage für Café Müller Alpine verfallen"],
    ]);
    expect(told[0].text).toContain(
      "Ihre Anfrage für Fernsupport bei Café Müller Alpine vom 23. November 2026 um 10:00 MEZ wurde nicht innerhalb von 48 Stunden beantwortet und ist verfallen.",
    );
  });
});

describe("deciding and using remote support", () => {
  it("approved with an override, every operator of the partner logs in as super admin until the end, then nobody", async () => {
    const w = await world();
    await request(w);
    const grant = await pendingGrant(w);
    expect(
      await approveRemoteSupportAction.as(callerFor(w.owner))({
        shopId: w.alpine.id,
        grantId: grant.id,
        minutes: "120",
      }),
    ).toMatchObject({ ok: true });
    expect(await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      status: "ACTIVE",
      grantedMinutes: 120,
      endsAt: new Date("2026-11-23T11:00:00Z"),
      decidedById: w.owner.id,
    });
    const told = await db.emailOutbox.findFirstOrThrow({
      where: { kind: "remote-support.approved", organizationId: w.alpine.id },
    });
    expect(told.toAddresses).toEqual([w.partner.email]);

    const a = await login(w, w.partner2);
    const b = await login(w, w.partner);
    if (!a.ok || !b.ok) throw new Error("login refused");
    const sessions = await db.supportSession.findMany({ where: { grantId: grant.id } });
    expect(sessions.map((s) => [s.actingRole, s.basis])).toEqual([
      ["SUPER_ADMIN", "REMOTE_SUPPORT"],
      ["SUPER_ADMIN", "REMOTE_SUPPORT"],
    ]);
    expect((await login(w, w.otherPartner)).ok).toBe(false);

    vi.setSystemTime(new Date("2026-11-23T11:00:00Z"));
    expect(await look.as(callerFor(w.partner2, a.data.sessionId))({ shopId: w.alpine.id })).toEqual({
      ok: false,
      error: "Your support session has ended.",
    });
    expect((await login(w, w.partner)).ok).toBe(false);
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("EXPIRED");
    expect(
      await db.emailOutbox.count({ where: { kind: "remote-support.expired", toAddresses: { has: w.partner.email } } }),
    ).toBe(1);
  });

  it("tells the requester, in their language and time zone, the duration the owner chose over the one asked for", async () => {
    const w = await world();
    await db.user.update({ where: { id: w.partner.id }, data: { locale: "DE", timeZone: "Europe/Berlin" } });
    await request(w, w.partner, 240);
    const asked = await pendingGrant(w);
    await approveRemoteSupportAction.as(callerFor(w.owner))({ shopId: w.alpine.id, grantId: asked.id, minutes: "60" });
    const approved = (to: string) =>
      db.emailOutbox.findFirstOrThrow({ where: { kind: "remote-support.approved", toAddresses: { has: to } } });
    const shortened = await approved(w.partner.email);
    expect(shortened.text).toContain("für 1 Stunde, also bis 23. November 2026 um 11:00 MEZ, zum Support anmelden.");
    expect(shortened.text).toContain("Gewährt: 1 Stunde (angefragt hatten Sie 4 Stunden).");

    await revokeRemoteSupportAction.as(callerFor(w.owner))({ shopId: w.alpine.id, grantId: asked.id, reason: "" });
    await db.user.update({ where: { id: w.partner2.id }, data: { locale: "EN", timeZone: "America/New_York" } });
    await db.accessGrant.updateMany({ where: { id: asked.id }, data: { closedAt: new Date("2026-11-23T07:00:00Z") } });
    await request(w, w.partner2, 120);
    const same = await pendingGrant(w);
    await approveRemoteSupportAction.as(callerFor(w.owner))({ shopId: w.alpine.id, grantId: same.id, minutes: "120" });
    const asAsked = await approved(w.partner2.email);
    expect(asAsked.text).toContain("can log in to support for 2 hours, until November 23, 2026 at 06:00 AM EST.");
    expect(asAsked.text).not.toContain("you asked for");
  });

  it("tells the requester no more once they have moved to another company: the grant is their former colleagues'", async () => {
    const w = await world();
    await request(w);
    const grant = await pendingGrant(w);
    // the administrator moves the requester to another partner company
    await db.user.update({ where: { id: w.partner.id }, data: { partnerCompanyId: w.otherPartner.partnerCompanyId } });
    expect(
      await approveRemoteSupportAction.as(callerFor(w.owner))({
        shopId: w.alpine.id,
        grantId: grant.id,
        minutes: "60",
      }),
    ).toMatchObject({ ok: true });
    vi.setSystemTime(new Date("2026-11-23T10:00:00Z"));
    expect(await expireGrant(grant.id)).toBe(true);
    const sent = await db.emailOutbox.findMany({
      where: {
        organizationId: w.alpine.id,
        kind: { in: ["remote-support.approved", "remote-support.expired"] },
        toAddresses: { has: w.partner.email },
      },
    });
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("EXPIRED");
    // neither "approved" nor "expired" went to the operator now at another company
    expect(sent.map((m) => [m.kind, m.toAddresses])).toEqual([]);
    // the other owner reads whose grant it is: the company asked for, not the requester's new one
    const [approved] = await db.emailOutbox.findMany({
      where: { organizationId: w.alpine.id, kind: "remote-support.approved", toAddresses: { has: w.owner2.email } },
    });
    expect(approved.text).toContain(`the operators of ${w.northwind.name} can log in`);
  });

  it("service-provider shops are entered at once as owner, audited and told", async () => {
    const w = await world();
    const merchant = await member(w.baltic.id, "OWNER");
    const result = await login(w, w.partner, w.baltic.id);
    expect(result.ok).toBe(true);
    expect(await db.supportSession.findFirstOrThrow({ where: { organizationId: w.baltic.id } })).toMatchObject({
      basis: "MANAGED_BY_PROVIDER",
      actingRole: "OWNER",
      grantId: null,
    });
    expect(
      await db.emailOutbox.count({ where: { organizationId: w.baltic.id, toAddresses: { has: merchant.email } } }),
    ).toBe(1);
    expect((await login(w, w.otherPartner, w.baltic.id)).ok).toBe(false);
    expect((await login(w, w.issuer, w.baltic.id)).ok).toBe(false);
  });

  it("revoking ends the sessions inside and tells the requester", async () => {
    const w = await world();
    await request(w);
    const grant = await pendingGrant(w);
    await approveRemoteSupportAction.as(callerFor(w.owner))({ shopId: w.alpine.id, grantId: grant.id, minutes: "240" });
    const a = await login(w, w.partner2);
    if (!a.ok) throw new Error(a.error);
    expect(
      await revokeRemoteSupportAction.as(callerFor(w.owner2))({
        shopId: w.alpine.id,
        grantId: grant.id,
        reason: "Fixed",
      }),
    ).toMatchObject({ ok: true });
    expect(await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      status: "REVOKED",
      closedById: w.owner2.id,
      decisionReason: "Fixed",
    });
    expect(await look.as(callerFor(w.partner2, a.data.sessionId))({ shopId: w.alpine.id })).toMatchObject({
      ok: false,
    });
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: a.data.sessionId } })).endReason).toBe(
      "GRANT_REVOKED",
    );
    expect(
      await db.emailOutbox.count({ where: { kind: "remote-support.revoked", toAddresses: { has: w.partner.email } } }),
    ).toBe(1);
    expect((await login(w, w.partner)).ok).toBe(false);
  });

  it("tells the requester what ended, not that nobody can enter, while the shop's service access stays open", async () => {
    const w = await world();
    await db.user.update({ where: { id: w.partner2.id }, data: { locale: "DE" } });
    const { grant: serviceAccess } = await supportSession(w.admin.id, w.alpine.id, w.northwind.id, {
      endsAt: new Date("2026-11-30T23:00:00Z"),
    });
    const grants = [];
    for (const who of [w.partner, w.partner2]) {
      await request(w, who, 4320);
      const grant = await pendingGrant(w);
      await approveRemoteSupportAction.as(callerFor(w.owner))({
        shopId: w.alpine.id,
        grantId: grant.id,
        minutes: "4320",
      });
      grants.push(grant);
      if (who === w.partner)
        await revokeRemoteSupportAction.as(callerFor(w.owner))({ shopId: w.alpine.id, grantId: grant.id, reason: "" });
      await db.accessGrant.updateMany({
        where: { id: grant.id },
        data: { closedAt: new Date("2026-11-23T07:00:00Z") },
      });
    }
    vi.setSystemTime(new Date("2026-11-25T10:00:00Z"));
    await runAccessHousekeeping();
    vi.setSystemTime(new Date("2026-11-26T10:00:00Z"));
    await runAccessHousekeeping();
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: serviceAccess.id } })).status).toBe("ACTIVE");
    // the partner's operators still enter through the service access the owner opened
    expect(
      await startSupportSessionAction.as(callerFor(w.partner))({
        shopId: w.alpine.id,
        reason: "Ticket 99: checkout broken",
        via: "SERVICE_ACCESS",
      }),
    ).toMatchObject({ ok: true });
    const text = async (kind: string) =>
      (await db.emailOutbox.findFirstOrThrow({ where: { organizationId: w.alpine.id, kind } })).text;
    expect(await text("remote-support.revoked")).toContain(
      "From now on you and the other operators of your company can no longer log in to support with it.",
    );
    expect(await text("remote-support.expires-soon")).toContain(
      "Danach können Sie und die anderen Operatoren Ihres Unternehmens sich damit nicht mehr zum Support anmelden;",
    );
    expect(await text("remote-support.expired")).toContain(
      "Sie und die anderen Operatoren Ihres Unternehmens können sich damit nicht mehr zum Support anmelden;",
    );
    const all = await db.emailOutbox.findMany({ where: { organizationId: w.alpine.id } });
    for (const m of all) expect(m.text).not.toMatch(/nobody can log in|niemand mehr|Niemand kann/i);
  });

  it("members, other shops' owners and operators in a session cannot decide", async () => {
    const w = await world();
    await request(w);
    const grant = await pendingGrant(w);
    const stranger = await member((await shop(w.northwind.id)).id, "OWNER");
    for (const who of [w.staff, stranger, w.partner, w.admin]) {
      expect(
        (await approveRemoteSupportAction.as(callerFor(who))({ shopId: w.alpine.id, grantId: grant.id, minutes: "60" }))
          .ok,
      ).toBe(false);
      expect((await rejectRemoteSupportAction.as(callerFor(who))({ shopId: w.alpine.id, grantId: grant.id })).ok).toBe(
        false,
      );
    }
    // an operator inside a support session of this very shop, acting as owner with "View and change"
    const inside = await supportSession(w.partner2.id, w.alpine.id, w.northwind.id, {
      scope: "VIEW_AND_CHANGE",
      actingRole: "OWNER",
    });
    expect(
      await approveRemoteSupportAction.as(callerFor(w.partner2, inside.session.id))({
        shopId: w.alpine.id,
        grantId: grant.id,
        minutes: "60",
      }),
    ).toEqual({ ok: false, error: "You are not allowed to do this." });
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("REQUESTED");
  });
});

describe("races", () => {
  it("two owners deciding at once: exactly one decision wins, the other is told why", async () => {
    const w = await world();
    await request(w);
    const grant = await pendingGrant(w);
    const results = await Promise.all([
      approveRemoteSupportAction.as(callerFor(w.owner))({ shopId: w.alpine.id, grantId: grant.id, minutes: "60" }),
      approveRemoteSupportAction.as(callerFor(w.owner2))({ shopId: w.alpine.id, grantId: grant.id, minutes: "480" }),
      rejectRemoteSupportAction.as(callerFor(w.owner2))({ shopId: w.alpine.id, grantId: grant.id, reason: "No" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r.ok ? "" : r.error).toMatch(/already/);
    // the winner's decision is the one written down
    const won = results.findIndex((r) => r.ok);
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe(
      won === 2 ? "REJECTED" : "ACTIVE",
    );
    const decisions = await db.auditEvent.count({
      where: { organizationId: w.alpine.id, action: { in: ["remote-support.approved", "remote-support.rejected"] } },
    });
    expect(decisions).toBe(1);
  });

  it("revoke during a login: either the login is refused or the session it made is ended", async () => {
    const w = await world();
    await request(w);
    const grant = await pendingGrant(w);
    await approveRemoteSupportAction.as(callerFor(w.owner))({ shopId: w.alpine.id, grantId: grant.id, minutes: "240" });
    const [entered, revoked] = await Promise.all([
      login(w, w.partner),
      revokeRemoteSupportAction.as(callerFor(w.owner))({ shopId: w.alpine.id, grantId: grant.id }),
    ]);
    expect(revoked.ok).toBe(true);
    expect(await db.supportSession.count({ where: { grantId: grant.id, endedAt: null } })).toBe(0);
    if (entered.ok)
      expect(await look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.alpine.id })).toMatchObject({
        ok: false,
      });
  });

  it("two operators of one partner requesting at once: one request, the other refused; the platform's is its own", async () => {
    const w = await world();
    const [a, b, platform] = await Promise.all([request(w, w.partner), request(w, w.partner2), request(w, w.admin)]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect(platform.ok).toBe(true);
    const grants = await db.accessGrant.findMany({
      where: { organizationId: w.alpine.id },
      select: { partnerCompanyId: true },
    });
    expect(grants.map((g) => g.partnerCompanyId).sort()).toEqual([w.alpine.partnerCompanyId, null].sort());
  });
});

describe("the other owners", () => {
  const told = async (w: World, kind: string) => {
    const mails = await db.emailOutbox.findMany({
      where: { organizationId: w.alpine.id, kind, toAddresses: { hasSome: [w.owner.email, w.owner2.email] } },
    });
    return mails.map((m) => ({ to: m.toAddresses, subject: m.subject, text: m.text }));
  };

  it("hear, once and in their language, that one of them approved, rejected or revoked a request they were all asked", async () => {
    const w = await world();
    await db.user.update({ where: { id: w.owner2.id }, data: { locale: "DE", timeZone: "Europe/Berlin" } });
    const decide = (grantId: string) => ({ shopId: w.alpine.id, grantId });

    expect(await request(w)).toMatchObject({ ok: true });
    const first = await pendingGrant(w);
    expect(
      await approveRemoteSupportAction.as(callerFor(w.owner))({ ...decide(first.id), minutes: "120" }),
    ).toMatchObject({ ok: true });
    expect(await told(w, "remote-support.approved")).toEqual([
      {
        to: [w.owner2.email],
        subject: "Fernsupport für Café Müller Alpine genehmigt",
        text: expect.stringContaining(
          `${w.owner.name} hat die Anfrage von ${w.partner.name} (${w.northwind.name}) für Fernsupport bei Café Müller Alpine genehmigt: Die Operatoren von ${w.northwind.name} können sich für 2 Stunden, also bis 23. November 2026 um 12:00 MEZ, als Super-Admin zum Support anmelden.`,
        ),
      },
    ]);

    expect(
      await revokeRemoteSupportAction.as(callerFor(w.owner2))({ ...decide(first.id), reason: "Fixed" }),
    ).toMatchObject({ ok: true });
    expect(await told(w, "remote-support.revoked")).toEqual([
      {
        to: [w.owner.email],
        subject: "Remote support for Café Müller Alpine revoked",
        text: expect.stringContaining(
          `${w.owner2.name} revoked the remote support access of ${w.northwind.name} to Café Müller Alpine. Its operators can no longer log in to support with it.\n\nReason given: Fixed`,
        ),
      },
    ]);

    vi.setSystemTime(new Date("2026-11-23T11:00:00Z")); // past the wait after a revoke
    expect(await request(w, w.partner2)).toMatchObject({ ok: true });
    const second = await pendingGrant(w);
    expect(await rejectRemoteSupportAction.as(callerFor(w.owner2))({ ...decide(second.id), reason: "" })).toMatchObject(
      { ok: true },
    );
    expect(await told(w, "remote-support.rejected")).toEqual([
      {
        to: [w.owner.email],
        subject: "Remote support for Café Müller Alpine rejected",
        text: expect.stringContaining(
          `${w.owner2.name} rejected the request of ${w.partner2.name} (${w.northwind.name}) for remote support to Café Müller Alpine. Nobody got access through it.\n\nReason given: (none)`,
        ),
      },
    ]);
  });
});
