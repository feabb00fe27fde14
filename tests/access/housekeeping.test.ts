import { afterEach, describe, expect, it, vi } from "vitest";
import { saveServiceAccessAction } from "@/server/access/actions";
import { runAccessHousekeeping } from "@/server/access/housekeeping";
import { callerFor, db, member, partnerCompany, shop, supportSession, user } from "../support/factory";

afterEach(() => vi.useRealTimers());

describe("access housekeeping", () => {
  it("queues one reminder to the owners the day before service access ends, and again after the end moves", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
    const partner = await partnerCompany();
    const alpine = await shop(partner.id, { name: "Alpine Reminders" });
    const owner = await member(alpine.id, "OWNER");
    await member(alpine.id, "MEMBER");
    await saveServiceAccessAction.as(callerFor(owner))({
      shopId: alpine.id,
      open: "yes",
      until: "2026-11-25",
      scope: "VIEW_ONLY",
    });
    const reminders = () =>
      db.emailOutbox.findMany({ where: { organizationId: alpine.id, kind: "access.expires-soon" } });

    await runAccessHousekeeping();
    expect(await reminders()).toHaveLength(0);
    vi.setSystemTime(new Date("2026-11-24T23:00:00Z")); // exactly a day before the end
    await Promise.all([runAccessHousekeeping(), runAccessHousekeeping()]);
    const queued = await reminders();
    expect(queued).toHaveLength(1);
    expect(queued[0].toAddresses).toEqual([owner.email]);
    expect(queued[0].subject).toBe("Service access to Alpine Reminders ends soon");
    // the day the owner chose, as the Status page names it, not the midnight after it
    expect(queued[0].text).toContain(
      "is open until the end of Wednesday, November 25, 2026 (the shop's time zone, Europe/Berlin).",
    );
    await runAccessHousekeeping();
    expect(await reminders()).toHaveLength(1);

    await saveServiceAccessAction.as(callerFor(owner))({
      shopId: alpine.id,
      open: "yes",
      until: "2026-11-28",
      scope: "VIEW_ONLY",
    });
    vi.setSystemTime(new Date("2026-11-27T23:30:00Z"));
    await runAccessHousekeeping();
    expect(await reminders()).toHaveLength(2);
  });

  it("does not remind of a grant shorter than a day", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-23T09:00:00Z"));
    const partner = await partnerCompany();
    const alpine = await shop(partner.id);
    const owner = await member(alpine.id, "OWNER");
    await saveServiceAccessAction.as(callerFor(owner))({
      shopId: alpine.id,
      open: "yes",
      until: "2026-11-23",
      scope: "VIEW_ONLY",
    });
    await runAccessHousekeeping();
    expect(await db.emailOutbox.count({ where: { organizationId: alpine.id } })).toBe(0);
  });

  it("records the expiry of a grant nobody touched, ends its sessions, once", async () => {
    const partner = await partnerCompany();
    const alpine = await shop(partner.id);
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const { grant, session } = await supportSession(operator.id, alpine.id, partner.id, {
      endsAt: new Date(Date.now() - 1000),
    });
    await Promise.all([runAccessHousekeeping(), runAccessHousekeeping()]);
    expect((await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("EXPIRED");
    expect((await db.supportSession.findUniqueOrThrow({ where: { id: session.id } })).endReason).toBe("GRANT_EXPIRED");
    expect(await db.auditEvent.count({ where: { organizationId: alpine.id, action: "access.expired" } })).toBe(1);
  });
});
