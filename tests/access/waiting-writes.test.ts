import type { UserRole } from "@/generated/prisma/enums";
import { afterEach, describe, expect, it, vi } from "vitest";
import { endSessionByShopAction, saveServiceAccessAction, startSupportSessionAction } from "@/server/access/actions";
import { runAccessHousekeeping } from "@/server/access/housekeeping";
import { addAddOnAction } from "@/server/add-ons/actions";
import { saveStorefrontStatusAction } from "@/server/shop/actions";
import { addOnProducts } from "../../prisma/catalogue";
import { callerFor, clientService, db, issuerCompany, member, partnerCompany, shop, user } from "../support/factory";
import { heldRow } from "../support/held-change";

// A change that waits for the shop's lock is decided by the world it finds when it gets the lock,
// not the one it saw before waiting; and housekeeping ends what the merchant's choices ended.
afterEach(() => vi.useRealTimers());

const REASON = "Ticket 1234: checkout";

/** A day three days from now, as the access form sends it. */
const inThreeDays = () => new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

/** An operator enters the shop through the service access its owner opened; the session's id. */
async function enterThroughAccess(operator: { id: string; role: UserRole }, shopId: string): Promise<string> {
  const entered = await startSupportSessionAction.as(callerFor(operator))({
    shopId,
    reason: REASON,
    via: "SERVICE_ACCESS",
  });
  if (!entered.ok) throw new Error(entered.error);
  return entered.data.sessionId;
}

describe("a change that waited for the shop's lock", () => {
  it("opening access 'until today' that gets the lock after midnight is refused at the date, and opens nothing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T22:59:59.950Z")); // 23:59:59.950 in Berlin, the shop's zone
    const s = await shop((await partnerCompany()).id);
    const owner = await member(s.id, "OWNER");
    const other = await heldRow("Organization", s.id);
    const saving = saveServiceAccessAction.as(callerFor(owner))({
      shopId: s.id,
      open: "yes",
      until: "2026-11-23",
      scope: "VIEW_AND_CHANGE",
    });
    await other.waitedBy(1);
    vi.setSystemTime(new Date("2026-11-23T23:00:00.050Z"));
    await other.release();
    expect(await saving).toEqual({
      ok: false,
      error: "The date cannot be in the past.",
      fieldErrors: { until: "The date cannot be in the past." },
    });
    expect(await db.accessGrant.count({ where: { organizationId: s.id } })).toBe(0);
  });

  it("a support write queued behind the merchant's narrowing to 'view only' is refused", async () => {
    const partner = await partnerCompany();
    const s = await shop(partner.id);
    const owner = await member(s.id, "OWNER");
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const until = inThreeDays();
    const open = (scope: string) =>
      saveServiceAccessAction.as(callerFor(owner))({ shopId: s.id, open: "yes", until, scope });
    expect(await open("VIEW_AND_CHANGE")).toMatchObject({ ok: true });
    const sessionId = await enterThroughAccess(operator, s.id);

    const other = await heldRow("Organization", s.id);
    const narrowing = open("VIEW_ONLY");
    await other.waitedBy(1);
    const writing = saveStorefrontStatusAction.as(callerFor(operator, sessionId))({
      shopId: s.id,
      storefrontOpen: "no",
      closedMessage: "closed by support",
    });
    await other.waitedBy(2);
    await other.release();
    expect(await narrowing).toMatchObject({ ok: true });
    expect(await writing).toEqual({ ok: false, error: "You are not allowed to do this." });
    expect(await db.organization.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      storefrontOpen: true,
      closedMessage: null,
    });
    expect(await db.auditEvent.count({ where: { organizationId: s.id, action: "shop.status-changed" } })).toBe(0);
  });

  it("a merchant demoted by another owner while their change waited makes no change", async () => {
    const partner = await partnerCompany();
    const s = await shop(partner.id);
    const owner = await member(s.id, "OWNER");
    const otherOwner = await member(s.id, "OWNER");
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const service = await clientService(partner.id, (await issuerCompany()).id, { organizationId: s.id });
    await db.addOnProduct.createMany({ data: addOnProducts, skipDuplicates: true });
    const until = inThreeDays();
    const access = { shopId: s.id, open: "yes", until, scope: "VIEW_ONLY" };
    expect(await saveServiceAccessAction.as(callerFor(otherOwner))(access)).toMatchObject({ ok: true });
    const sessionId = await enterThroughAccess(operator, s.id);

    const other = await heldRow("Organization", s.id);
    const widening = saveServiceAccessAction.as(callerFor(owner))({ ...access, scope: "VIEW_AND_CHANGE" });
    const adding = addAddOnAction.as(callerFor(owner))({
      shopId: s.id,
      serviceId: service.id,
      productCode: "EXTRA_STORAGE",
    });
    const ending = endSessionByShopAction.as(callerFor(owner))({ shopId: s.id, sessionId: sessionId });
    await other.waitedBy(3);
    // what the other owner's change, holding the lock, does meanwhile
    await db.membership.update({
      where: { userId_organizationId: { userId: owner.id, organizationId: s.id } },
      data: { role: "MEMBER" },
    });
    await other.release();
    const refused = { ok: false, error: "You are not allowed to do this." };
    expect(await widening).toEqual(refused);
    expect(await adding).toEqual(refused);
    expect(await ending).toEqual(refused);
    expect((await db.accessGrant.findFirstOrThrow({ where: { organizationId: s.id } })).scope).toBe("VIEW_ONLY");
    expect(await db.serviceAddOn.count({ where: { clientServiceId: service.id } })).toBe(0);
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: sessionId } })).endedAt).toBeNull();
  });
});

describe("housekeeping", () => {
  it("ends a session the merchant let finish once the access's own end has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T22:30:00Z")); // 23:30 in Berlin
    const partner = await partnerCompany();
    const s = await shop(partner.id);
    const owner = await member(s.id, "OWNER");
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const save = saveServiceAccessAction.as(callerFor(owner));
    expect(await save({ shopId: s.id, open: "yes", until: "2026-11-23", scope: "VIEW_AND_CHANGE" })).toMatchObject({
      ok: true,
    });
    const sessionId = await enterThroughAccess(operator, s.id);
    vi.setSystemTime(new Date("2026-11-23T22:40:00Z"));
    expect(await save({ shopId: s.id, open: "no", sessions: "LET_FINISH" })).toMatchObject({ ok: true });

    // midnight in Berlin: the access's end, before the hour of finishing is up
    vi.setSystemTime(new Date("2026-11-23T23:00:30Z"));
    await runAccessHousekeeping();
    expect(await db.supportSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
      endedAt: new Date("2026-11-23T23:00:30Z"),
      endReason: "GRANT_EXPIRED",
    });
  });
});
