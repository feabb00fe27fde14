import { afterEach, describe, expect, it, vi } from "vitest";
import { SessionEndReason, type UserRole } from "@/generated/prisma/enums";
import { catalogs } from "@/i18n/messages";
import { startSupportSessionAction } from "@/server/access/actions";
import { sessionEndReasonOf } from "@/server/access/limits";
import { resolveShopAccess } from "@/server/access/shop-access";
import { loadViewer } from "@/server/viewer";
import { callerFor, db, partnerCompany, shop, supportSession, user } from "../support/factory";

// An operator whose support session ends is sent to /console?ended=<reason> and told why there.
afterEach(() => vi.useRealTimers());

describe("the console's notice of a session that ended", () => {
  it("names every reason a session can end for, in English and German", () => {
    for (const reason of Object.values(SessionEndReason)) {
      expect(sessionEndReasonOf(reason), reason).toBe(reason);
      for (const locale of ["en", "de"] as const) {
        const reasons: Record<string, string> = catalogs[locale].console.home.endReasons;
        expect(reasons[reason], `${locale} ${reason}`).toEqual(expect.any(String));
        // and the shop's Support activity reads why each session ended
        const labels: Record<string, unknown> = catalogs[locale].common.audit.values;
        expect(labels[reason], `${locale} audit ${reason}`).toEqual(expect.any(String));
      }
    }
    for (const forged of [undefined, "", "NO_SESSION", "idle_timeout", "<b>IDLE_TIMEOUT</b>", "constructor"])
      expect(sessionEndReasonOf(forged), String(forged)).toBeNull();
  });

  it("tells an operator whose session ended without a request for 30 minutes why they are back", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
    const northwind = await partnerCompany();
    const baltic = await shop(northwind.id, { managedBy: "SERVICE_PROVIDER" });
    const partner = await user("PARTNER", { partnerCompanyId: northwind.id });
    const entered = await startSupportSessionAction.as(callerFor(partner))({
      shopId: baltic.id,
      reason: "Ticket 77: payment page",
      via: "REMOTE_SUPPORT",
    });
    if (!entered.ok) throw new Error(entered.error);
    vi.setSystemTime(new Date("2026-11-23T09:30:00Z"));
    const viewer = await loadViewer({ userId: partner.id, role: partner.role });
    if (!viewer) throw new Error("no viewer");
    const result = await resolveShopAccess(viewer, baltic.id, entered.data.sessionId);
    expect(result).toEqual({ ok: false, reason: "SESSION_ENDED", sessionEndReason: "IDLE_TIMEOUT" });
    // what requireShopAccess redirects to, read back as the console page reads it
    const shown = !result.ok ? sessionEndReasonOf(result.sessionEndReason) : null;
    expect(shown && catalogs.en.console.home.endReasons[shown]).toBe(
      "Nobody used the session for too long, so it was ended.",
    );
  });

  it("says the operator was moved, or the shop, not that the merchant closed service access", async () => {
    const [northwind, contoso] = [await partnerCompany(), await partnerCompany()];
    const check = async (who: { id: string; role: UserRole }, shopId: string, sessionId: string) => {
      const viewer = await loadViewer({ userId: who.id, role: who.role });
      if (!viewer) throw new Error("no viewer");
      return resolveShopAccess(viewer, shopId, sessionId);
    };
    // remote support approved for Northwind; the operator is moved to Contoso meanwhile
    const moved = await user("PARTNER", { partnerCompanyId: northwind.id });
    const first = await shop(northwind.id);
    const a = await supportSession(moved.id, first.id, northwind.id, { kind: "REMOTE_SUPPORT" });
    await db.user.update({ where: { id: moved.id }, data: { partnerCompanyId: contoso.id } });
    expect(await check(moved, first.id, a.session.id)).toEqual({
      ok: false,
      reason: "SESSION_ENDED",
      sessionEndReason: "OPERATOR_CHANGED",
    });
    // service access opened for Northwind; the shop is moved to Contoso meanwhile
    const stays = await user("PARTNER", { partnerCompanyId: northwind.id });
    const second = await shop(northwind.id);
    const b = await supportSession(stays.id, second.id, northwind.id);
    await db.organization.update({ where: { id: second.id }, data: { partnerCompanyId: contoso.id } });
    expect(await check(stays, second.id, b.session.id)).toEqual({
      ok: false,
      reason: "SESSION_ENDED",
      sessionEndReason: "PARTNER_CHANGED",
    });
  });
});
