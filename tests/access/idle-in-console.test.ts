import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { shopAction } from "@/server/action";
import { startSupportSessionAction } from "@/server/access/actions";
import { runningSessions } from "@/server/access/queries";
import { currentSessionOf } from "@/server/access/sessions";
import { loadViewer, type Operator } from "@/server/viewer";
import { callerFor, db, partnerCompany, shop, user } from "../support/factory";

// A support session ends after 30 minutes without a request in the back office. The console
// shows an operator still inside one a notice on every page (ActiveSessionNotice, through
// currentSessionOf); an operator who left the shop and works on in the console is not using it.
afterEach(() => vi.useRealTimers());
const look = shopAction({ permission: "shop.view", schema: z.object({ shopId: z.string() }) }, async () => "seen");

describe("the idle limit of a support session", () => {
  it("counts requests in the back office, not console pages the operator opens meanwhile", async () => {
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
    const sessionId = entered.data.sessionId;
    const operator = (await loadViewer({ userId: partner.id, role: partner.role })) as Operator;

    // back in the console: its pages say "you are still inside", every ten minutes
    for (const at of ["09:10", "09:20", "09:29"]) {
      vi.setSystemTime(new Date(`2026-11-23T${at}:00Z`));
      expect(await currentSessionOf(operator, sessionId), at).toMatchObject({ organizationId: baltic.id });
    }
    vi.setSystemTime(new Date("2026-11-23T09:30:00Z"));
    expect(await runningSessions(baltic.id)).toEqual([]);
    expect(await look.as(callerFor(partner, sessionId))({ shopId: baltic.id })).toEqual({
      ok: false,
      error: "Your support session has ended.",
    });
    expect(await db.supportSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
      endReason: "IDLE_TIMEOUT",
      endedAt: new Date("2026-11-23T09:30:00Z"),
    });
  });
});
