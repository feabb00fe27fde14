import { afterEach, describe, expect, it, vi } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { saveServiceAccessAction, startSupportSessionAction } from "@/server/access/actions";
import { resolveShopAccess } from "@/server/access/shop-access";
import { loadViewer } from "@/server/viewer";
import { callerFor, member, partnerCompany, shop, user } from "../support/factory";

// The banner inside a back office counts down to the session's end (access.session.endsAt): the
// instant the server will refuse the operator, whatever ends it first.
afterEach(() => vi.useRealTimers());

const START = new Date("2026-11-23T09:00:00Z"); // Monday, 10:00 in Berlin

async function world() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START);
  const northwind = await partnerCompany();
  const alpine = await shop(northwind.id, { managedBy: "CUSTOMER" });
  const baltic = await shop(northwind.id, { managedBy: "SERVICE_PROVIDER" });
  return {
    alpine,
    baltic,
    owner: await member(alpine.id, "OWNER"),
    partner: await user("PARTNER", { partnerCompanyId: northwind.id }),
  };
}

async function enter(
  operator: { id: string; role: UserRole },
  shopId: string,
  via: "SERVICE_ACCESS" | "REMOTE_SUPPORT",
) {
  const entered = await startSupportSessionAction.as(callerFor(operator))({
    shopId,
    reason: "Ticket 4711: taxes",
    via,
  });
  if (!entered.ok) throw new Error(entered.error);
  return entered.data.sessionId;
}

/** The session's end as the banner is given it, on a request at this instant. */
async function bannerEnd(operator: { id: string; role: UserRole }, shopId: string, sessionId: string) {
  const viewer = await loadViewer({ userId: operator.id, role: operator.role });
  if (!viewer) throw new Error("no viewer");
  const result = await resolveShopAccess(viewer, shopId, sessionId);
  if (!result.ok) throw new Error(result.reason);
  return result.access.session?.endsAt?.toISOString() ?? null;
}

describe("the time left a support session shows", () => {
  it("is the access's end while it is open", async () => {
    const w = await world();
    await saveServiceAccessAction.as(callerFor(w.owner))({
      shopId: w.alpine.id,
      open: "yes",
      until: "2026-11-25",
      scope: "VIEW_ONLY",
    });
    const session = await enter(w.partner, w.alpine.id, "SERVICE_ACCESS");
    expect(await bannerEnd(w.partner, w.alpine.id, session)).toBe("2026-11-25T23:00:00.000Z");
  });

  it("is one hour after the merchant closed access with 'Let them finish', not the old end days later", async () => {
    const w = await world();
    await saveServiceAccessAction.as(callerFor(w.owner))({
      shopId: w.alpine.id,
      open: "yes",
      until: "2026-11-25",
      scope: "VIEW_ONLY",
    });
    const session = await enter(w.partner, w.alpine.id, "SERVICE_ACCESS");
    vi.setSystemTime(new Date("2026-11-23T09:10:00Z"));
    await saveServiceAccessAction.as(callerFor(w.owner))({ shopId: w.alpine.id, open: "no", sessions: "LET_FINISH" });
    vi.setSystemTime(new Date("2026-11-23T09:20:00Z"));
    expect(await bannerEnd(w.partner, w.alpine.id, session)).toBe("2026-11-23T10:10:00.000Z");
  });

  it("is eight hours after entering a shop its provider manages, not 'no end'", async () => {
    const w = await world();
    const session = await enter(w.partner, w.baltic.id, "REMOTE_SUPPORT");
    vi.setSystemTime(new Date("2026-11-23T09:20:00Z"));
    expect(await bannerEnd(w.partner, w.baltic.id, session)).toBe("2026-11-23T17:00:00.000Z");
  });
});
