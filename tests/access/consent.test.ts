import { afterEach, describe, expect, it, vi } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { z } from "zod";
import { shopAction } from "@/server/action";
import { saveServiceAccessAction, startSupportSessionAction } from "@/server/access/actions";
import { remoteStates, searchOrganizations } from "@/server/access/org-search";
import {
  approveRemoteSupportAction,
  rejectRemoteSupportAction,
  requestRemoteSupportAction,
  revokeRemoteSupportAction,
} from "@/server/access/remote-support-actions";
import { authOptions } from "@/server/auth";
import { updateOrganizationAction } from "@/server/organizations/actions";
import { runAccessHousekeeping } from "@/server/access/housekeeping";
import { recordSupportRead, resolveShopAccess } from "@/server/access/shop-access";
import { openServiceAccessShops } from "@/server/access/queries";
import { loadViewer, type Operator } from "@/server/viewer";
import { callerFor, db, member, partnerCompany, shop, user } from "../support/factory";

// Consent belongs to whom it was given to, and support sessions end by themselves.
afterEach(() => vi.useRealTimers());
const look = shopAction({ permission: "shop.view", schema: z.object({ shopId: z.string() }) }, async () => "seen");
const REASON = "Ticket 77: payment page";

async function world() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
  const northwind = await partnerCompany();
  const alpine = await shop(northwind.id, { managedBy: "CUSTOMER", name: "Alpine Consent" });
  const baltic = await shop(northwind.id, { managedBy: "SERVICE_PROVIDER", name: "Baltic Consent" });
  return {
    alpine,
    baltic,
    owner: await member(alpine.id, "OWNER"),
    balticOwner: await member(baltic.id, "OWNER"),
    partner: await user("PARTNER", { partnerCompanyId: northwind.id }),
    admin: await user("ADMINISTRATOR"),
  };
}
type World = Awaited<ReturnType<typeof world>>;
type Who = { id: string; role: UserRole };

const enter = (who: Who, shopId: string, via: "SERVICE_ACCESS" | "REMOTE_SUPPORT") =>
  startSupportSessionAction.as(callerFor(who))({ shopId, reason: REASON, via });
const request = (w: World, who: Who) =>
  requestRemoteSupportAction.as(callerFor(who))({ shopId: w.alpine.id, minutes: "240", note: "" });
const grantOf = (w: World, partnerCompanyId: string | null) =>
  db.accessGrant.findFirstOrThrow({
    where: { organizationId: w.alpine.id, kind: "REMOTE_SUPPORT", partnerCompanyId },
    orderBy: { requestedAt: "desc" },
  });
const approve = async (w: World, partnerCompanyId: string | null) =>
  approveRemoteSupportAction.as(callerFor(w.owner))({
    shopId: w.alpine.id,
    grantId: (await grantOf(w, partnerCompanyId)).id,
    minutes: "240",
  });
const openAccess = (w: World, owner: Who, shopId: string) =>
  saveServiceAccessAction.as(callerFor(owner))({ shopId, open: "yes", until: "2026-11-25", scope: "VIEW_ONLY" });
const endings = (sessionId: string) =>
  db.auditEvent.findMany({
    where: { action: "session.ended", targetId: sessionId },
    select: { details: true, actorLabel: true },
  });

describe("consent belongs to whom it was given to", () => {
  it("a grant approved for a partner is used by that partner's operators only, never by an administrator", async () => {
    const w = await world();
    expect(await request(w, w.partner)).toMatchObject({ ok: true });
    expect(await approve(w, w.alpine.partnerCompanyId)).toMatchObject({ ok: true });
    expect(await enter(w.admin, w.alpine.id, "REMOTE_SUPPORT")).toMatchObject({ ok: false });
    expect(await enter(w.partner, w.alpine.id, "REMOTE_SUPPORT")).toMatchObject({ ok: true });
    const admin = (await loadViewer({ userId: w.admin.id, role: "ADMINISTRATOR" })) as Operator;
    const { hits } = await searchOrganizations(admin, w.alpine.id);
    expect((await remoteStates(admin, hits))[w.alpine.id]).toEqual({ kind: "none" });
  });

  it("a shop moved to another partner is no longer the former partner's: neither to enter nor to list", async () => {
    const w = await world();
    const contoso = await partnerCompany();
    const newPartner = await user("PARTNER", { partnerCompanyId: contoso.id });
    // approved before the move, with a session running, and the owner's service access open
    expect(await request(w, w.partner)).toMatchObject({ ok: true });
    expect(await approve(w, w.alpine.partnerCompanyId)).toMatchObject({ ok: true });
    const entered = await enter(w.partner, w.alpine.id, "REMOTE_SUPPORT");
    if (!entered.ok) throw new Error(entered.error);
    expect(await openAccess(w, w.owner, w.alpine.id)).toMatchObject({ ok: true });
    const listed = async (who: Who) => {
      const operator = (await loadViewer({ userId: who.id, role: who.role })) as Operator;
      return (await openServiceAccessShops(operator, 1)).grants.map((g) => g.organization.id);
    };
    expect(await listed(w.partner)).toContain(w.alpine.id);

    await db.organization.update({ where: { id: w.alpine.id }, data: { partnerCompanyId: contoso.id } });
    // the running session ends at its next request
    expect(await look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.alpine.id })).toEqual({
      ok: false,
      error: "Your support session has ended.",
    });
    // a new one is refused, through the grant approved before the move or the service access
    expect(await enter(w.partner, w.alpine.id, "REMOTE_SUPPORT")).toMatchObject({ ok: false });
    expect(await enter(w.partner, w.alpine.id, "SERVICE_ACCESS")).toMatchObject({ ok: false });
    // nor does the new partner inherit the consent the owner gave the former one
    expect(await enter(newPartner, w.alpine.id, "REMOTE_SUPPORT")).toMatchObject({ ok: false });
    // the console's Service access list follows the shop's partner now, not the one of when access opened
    expect(await listed(w.partner)).not.toContain(w.alpine.id);
    expect(await listed(w.admin)).toContain(w.alpine.id);
  });

  it("a request the former partner filed before a move, approved after it, lets nobody in", async () => {
    const w = await world();
    const contoso = await partnerCompany();
    expect(await request(w, w.partner)).toMatchObject({ ok: true });
    await db.organization.update({ where: { id: w.alpine.id }, data: { partnerCompanyId: contoso.id } });
    expect(await approve(w, w.partner.partnerCompanyId)).toMatchObject({ ok: true });
    expect(await enter(w.partner, w.alpine.id, "REMOTE_SUPPORT")).toMatchObject({ ok: false });
  });

  it("a request an administrator files is the platform's: its email names the platform, and only administrators use it", async () => {
    const w = await world();
    expect(await request(w, w.admin)).toMatchObject({ ok: true });
    const mail = await db.emailOutbox.findFirstOrThrow({
      where: { kind: "remote-support.requested", organizationId: w.alpine.id },
    });
    expect(mail.text).toContain("(platform administration)");
    expect(mail.text).not.toContain(
      (await db.partnerCompany.findUniqueOrThrow({ where: { id: w.alpine.partnerCompanyId } })).name,
    );
    expect(await approve(w, null)).toMatchObject({ ok: true });
    expect(await enter(w.partner, w.alpine.id, "REMOTE_SUPPORT")).toMatchObject({ ok: false });
    expect(await enter(w.admin, w.alpine.id, "REMOTE_SUPPORT")).toMatchObject({ ok: true });
  });

  it("a shop managed by the service provider is entered as Owner by its provider's operators; an administrator needs service access", async () => {
    const w = await world();
    expect(await enter(w.admin, w.baltic.id, "REMOTE_SUPPORT")).toMatchObject({ ok: false });
    expect(await enter(w.admin, w.baltic.id, "SERVICE_ACCESS")).toMatchObject({ ok: false });
    expect(await openAccess(w, w.balticOwner, w.baltic.id)).toMatchObject({ ok: true });
    const entered = await enter(w.admin, w.baltic.id, "SERVICE_ACCESS");
    expect(entered).toMatchObject({ ok: true });
    expect(await db.supportSession.findFirstOrThrow({ where: { operatorId: w.admin.id } })).toMatchObject({
      basis: "SERVICE_ACCESS",
      actingRole: "SUPER_ADMIN",
    });
    expect(await enter(w.partner, w.baltic.id, "REMOTE_SUPPORT")).toMatchObject({ ok: true });
  });

  it("after a rejection the same side cannot ask again for an hour; the owners are not emailed meanwhile", async () => {
    const w = await world();
    await request(w, w.partner);
    await rejectRemoteSupportAction.as(callerFor(w.owner))({
      shopId: w.alpine.id,
      grantId: (await grantOf(w, w.alpine.partnerCompanyId)).id,
      reason: "Not now",
    });
    vi.setSystemTime(new Date("2026-11-23T09:59:00Z"));
    expect(await request(w, w.partner)).toEqual({
      ok: false,
      error: "The owners rejected the last request from your side. You can ask again in 1 minute.",
    });
    expect(
      await db.emailOutbox.count({ where: { kind: "remote-support.requested", organizationId: w.alpine.id } }),
    ).toBe(1);
    // another side (the platform) is not held back by the partner's rejection
    expect(await request(w, w.admin)).toMatchObject({ ok: true });
    vi.setSystemTime(new Date("2026-11-23T10:00:01Z"));
    expect(await request(w, w.partner)).toMatchObject({ ok: true });
  });

  it("after the owners revoke remote support the same side cannot ask again for an hour either", async () => {
    const w = await world();
    await request(w, w.partner);
    const grantId = (await grantOf(w, w.alpine.partnerCompanyId)).id;
    expect(
      await approveRemoteSupportAction.as(callerFor(w.owner))({ shopId: w.alpine.id, grantId, minutes: "240" }),
    ).toMatchObject({ ok: true });
    vi.setSystemTime(new Date("2026-11-23T09:30:00Z"));
    expect(
      await revokeRemoteSupportAction.as(callerFor(w.owner))({ shopId: w.alpine.id, grantId, reason: "Done" }),
    ).toMatchObject({ ok: true });
    vi.setSystemTime(new Date("2026-11-23T10:29:00Z"));
    expect(await request(w, w.partner)).toEqual({
      ok: false,
      error: "The owners revoked remote support for your side. You can ask again in 1 minute.",
    });
    expect(
      await db.emailOutbox.count({ where: { kind: "remote-support.requested", organizationId: w.alpine.id } }),
    ).toBe(1);
    vi.setSystemTime(new Date("2026-11-23T10:30:01Z"));
    expect(await request(w, w.partner)).toMatchObject({ ok: true });
  });

  it("a grant a move to another partner ended is not the owners' no: moved back, the partner may ask at once", async () => {
    const w = await world();
    const contoso = await partnerCompany();
    expect(await request(w, w.partner)).toMatchObject({ ok: true });
    expect(await approve(w, w.alpine.partnerCompanyId)).toMatchObject({ ok: true });
    const move = (partnerCompanyId: string) =>
      updateOrganizationAction.as(callerFor(w.admin))({
        organizationId: w.alpine.id,
        name: w.alpine.name,
        url: "https://alpine.example",
        customerReference: w.alpine.customerReference,
        number: "",
        managedBy: "CUSTOMER",
        timeZone: "Europe/Berlin",
        language: "EN",
        partnerCompanyId,
      });
    // a wrong partner picked, and put right a minute later
    expect(await move(contoso.id)).toMatchObject({ ok: true });
    vi.setSystemTime(new Date("2026-11-23T09:01:00Z"));
    expect(await move(w.alpine.partnerCompanyId)).toMatchObject({ ok: true });
    expect((await grantOf(w, w.alpine.partnerCompanyId)).status).toBe("REVOKED");
    expect(await request(w, w.partner)).toMatchObject({ ok: true });
    // nor is a request a move refused the owners' rejection
    expect(await move(contoso.id)).toMatchObject({ ok: true });
    expect(await move(w.alpine.partnerCompanyId)).toMatchObject({ ok: true });
    expect((await grantOf(w, w.alpine.partnerCompanyId)).status).toBe("REJECTED");
    expect(await request(w, w.partner)).toMatchObject({ ok: true });
  });
});

describe("support sessions end by themselves, recorded with the reason", () => {
  it("a session entered as the service provider ends after 8 hours, however busy", async () => {
    const w = await world();
    const entered = await enter(w.partner, w.baltic.id, "REMOTE_SUPPORT");
    if (!entered.ok) throw new Error(entered.error);
    const start = Date.now();
    for (let minutes = 20; minutes < 480; minutes += 20) {
      vi.setSystemTime(new Date(start + minutes * 60_000));
      expect(
        await look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.baltic.id }),
        `${minutes} min`,
      ).toMatchObject({ ok: true });
    }
    vi.setSystemTime(new Date(start + 480 * 60_000));
    expect(await look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.baltic.id })).toEqual({
      ok: false,
      error: "Your support session has ended.",
    });
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: entered.data.sessionId } })).endReason).toBe(
      "MAX_DURATION",
    );
    expect((await endings(entered.data.sessionId))[0]).toMatchObject({
      actorLabel: "system",
      details: { reason: "MAX_DURATION" },
    });
  });

  it("a session without a request for 30 minutes ends", async () => {
    const w = await world();
    const entered = await enter(w.partner, w.baltic.id, "REMOTE_SUPPORT");
    if (!entered.ok) throw new Error(entered.error);
    vi.setSystemTime(new Date("2026-11-23T09:29:59Z"));
    expect(await look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.baltic.id })).toMatchObject({
      ok: true,
    });
    vi.setSystemTime(new Date("2026-11-23T09:59:59Z"));
    expect(await look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.baltic.id })).toMatchObject({
      ok: false,
    });
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: entered.data.sessionId } })).endReason).toBe(
      "IDLE_TIMEOUT",
    );
    expect((await endings(entered.data.sessionId))[0].details).toMatchObject({ reason: "IDLE_TIMEOUT" });
  });

  it("'Let them finish' lets a session run at most one hour after access closed", async () => {
    const w = await world();
    await openAccess(w, w.owner, w.alpine.id);
    const entered = await enter(w.partner, w.alpine.id, "SERVICE_ACCESS");
    if (!entered.ok) throw new Error(entered.error);
    await saveServiceAccessAction.as(callerFor(w.owner))({ shopId: w.alpine.id, open: "no", sessions: "LET_FINISH" });
    for (const at of ["2026-11-23T09:25:00Z", "2026-11-23T09:50:00Z", "2026-11-23T09:59:59Z"]) {
      vi.setSystemTime(new Date(at));
      expect(await look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.alpine.id }), at).toMatchObject({
        ok: true,
      });
    }
    vi.setSystemTime(new Date("2026-11-23T10:00:00Z"));
    expect(await look.as(callerFor(w.partner, entered.data.sessionId))({ shopId: w.alpine.id })).toMatchObject({
      ok: false,
    });
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: entered.data.sessionId } })).endReason).toBe(
      "FINISH_TIME_UP",
    );
  });

  it("'End them now' and signing out record every session they end, by name", async () => {
    const w = await world();
    const partner2 = await user("PARTNER", { partnerCompanyId: w.alpine.partnerCompanyId });
    await openAccess(w, w.owner, w.alpine.id);
    const a = await enter(w.partner, w.alpine.id, "SERVICE_ACCESS");
    const b = await enter(partner2, w.alpine.id, "SERVICE_ACCESS");
    if (!a.ok || !b.ok) throw new Error("not entered");
    await saveServiceAccessAction.as(callerFor(w.owner))({ shopId: w.alpine.id, open: "no", sessions: "END_NOW" });
    for (const [session, who] of [
      [a.data.sessionId, w.partner],
      [b.data.sessionId, partner2],
    ] as const) {
      expect((await endings(session)).map((e) => e.details)).toEqual([
        { reason: "ACCESS_CLOSED", operator: `${who.name} <${who.email}>` },
      ]);
    }

    const c = await enter(w.partner, w.baltic.id, "REMOTE_SUPPORT");
    if (!c.ok) throw new Error(c.error);
    await authOptions.events!.signOut!({ token: { sub: w.partner.id }, session: null as never });
    expect((await endings(c.data.sessionId)).map((e) => e.details)).toEqual([
      { reason: "SIGNED_OUT", operator: `${w.partner.name} <${w.partner.email}>` },
    ]);
  });
});

describe("reads count", () => {
  it("pages opened inside a support session are in the shop's audit, on whose behalf", async () => {
    const w = await world();
    const entered = await enter(w.partner, w.baltic.id, "REMOTE_SUPPORT");
    if (!entered.ok) throw new Error(entered.error);
    const viewer = (await loadViewer({ userId: w.partner.id, role: "PARTNER" }))!;
    const resolved = await resolveShopAccess(viewer, w.baltic.id, entered.data.sessionId);
    if (!resolved.ok) throw new Error("no access");
    await recordSupportRead(resolved.access, "session.page-viewed", "status");
    const rows = await db.auditEvent.findMany({
      where: { organizationId: w.baltic.id, action: "session.page-viewed" },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.action, r.details, r.onBehalfOfOrgId, r.supportSessionId])).toEqual([
      ["session.page-viewed", { page: "page.status" }, w.baltic.id, entered.data.sessionId],
    ]);
  });

  it("housekeeping ends and records a session nobody used for 30 minutes", async () => {
    const w = await world();
    const entered = await enter(w.partner, w.baltic.id, "REMOTE_SUPPORT");
    if (!entered.ok) throw new Error(entered.error);
    vi.setSystemTime(new Date("2026-11-23T09:29:00Z"));
    await runAccessHousekeeping();
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: entered.data.sessionId } })).endedAt).toBeNull();
    vi.setSystemTime(new Date("2026-11-23T09:31:00Z"));
    await runAccessHousekeeping();
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: entered.data.sessionId } })).endReason).toBe(
      "IDLE_TIMEOUT",
    );
    expect((await endings(entered.data.sessionId)).map((e) => e.details)).toEqual([
      { reason: "IDLE_TIMEOUT", operator: `${w.partner.name} <${w.partner.email}>` },
    ]);
  });
});
