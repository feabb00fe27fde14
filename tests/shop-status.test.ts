import { describe, expect, it } from "vitest";
import { saveStorefrontStatusAction } from "@/server/shop/actions";
import { callerFor, db, member, partnerCompany, shop, supportSession, user } from "./support/factory";

describe("the shop status", () => {
  it("is changed by owners and super admins, not members, and audited", async () => {
    const partner = await partnerCompany();
    const alpine = await shop(partner.id);
    const owner = await member(alpine.id, "OWNER");
    const staff = await member(alpine.id, "MEMBER");
    expect(
      (await saveStorefrontStatusAction.as(callerFor(staff))({ shopId: alpine.id, storefrontOpen: "no" })).ok,
    ).toBe(false);
    expect((await db.organization.findUniqueOrThrow({ where: { id: alpine.id } })).storefrontOpen).toBe(true);
    expect(
      await saveStorefrontStatusAction.as(callerFor(owner))({
        shopId: alpine.id,
        storefrontOpen: "no",
        closedMessage: "Inventory",
      }),
    ).toEqual({ ok: true, data: { open: false } });
    expect(
      await db.organization.findUniqueOrThrow({
        where: { id: alpine.id },
        select: { storefrontOpen: true, closedMessage: true },
      }),
    ).toEqual({ storefrontOpen: false, closedMessage: "Inventory" });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { organizationId: alpine.id, action: "shop.status-changed" },
    });
    expect(event).toMatchObject({ actorId: owner.id, supportSessionId: null });
  });

  it("is refused on the server in a view-only support session and changed, on behalf of the shop, in a view-and-change one", async () => {
    const partner = await partnerCompany();
    const alpine = await shop(partner.id);
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const viewOnly = await supportSession(operator.id, alpine.id, partner.id, { scope: "VIEW_ONLY" });
    expect(
      await saveStorefrontStatusAction.as(callerFor(operator, viewOnly.session.id))({
        shopId: alpine.id,
        storefrontOpen: "no",
      }),
    ).toEqual({ ok: false, error: "You are not allowed to do this." });
    expect((await db.organization.findUniqueOrThrow({ where: { id: alpine.id } })).storefrontOpen).toBe(true);

    await db.accessGrant.update({ where: { id: viewOnly.grant.id }, data: { scope: "VIEW_AND_CHANGE" } });
    expect(
      (
        await saveStorefrontStatusAction.as(callerFor(operator, viewOnly.session.id))({
          shopId: alpine.id,
          storefrontOpen: "no",
        })
      ).ok,
    ).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { organizationId: alpine.id, action: "shop.status-changed" },
    });
    expect(event).toMatchObject({
      actorId: operator.id,
      supportSessionId: viewOnly.session.id,
      onBehalfOfOrgId: alpine.id,
    });
  });

  it("refuses a message that is too long, next to the field", async () => {
    const partner = await partnerCompany();
    const alpine = await shop(partner.id);
    const owner = await member(alpine.id, "OWNER");
    const result = await saveStorefrontStatusAction.as(callerFor(owner))({
      shopId: alpine.id,
      storefrontOpen: "no",
      closedMessage: "x".repeat(301),
    });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { closedMessage: "The message can be at most 300 characters." },
    });
  });

  it("records nothing when a save changes neither the status nor the message", async () => {
    const partner = await partnerCompany();
    const alpine = await shop(partner.id);
    const owner = await member(alpine.id, "OWNER");
    const save = (storefrontOpen: string, closedMessage?: string) =>
      saveStorefrontStatusAction.as(callerFor(owner))({ shopId: alpine.id, storefrontOpen, closedMessage });
    expect((await save("yes")).ok).toBe(true);
    expect((await save("no", "Inventory")).ok).toBe(true);
    expect((await save("no", " Inventory ")).ok).toBe(true);
    expect((await save("no", "Back on Monday")).ok).toBe(true);
    const events = await db.auditEvent.findMany({
      where: { organizationId: alpine.id, action: "shop.status-changed" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.details)).toEqual([
      { open: false, previouslyOpen: true, message: "Inventory" },
      { open: false, previouslyOpen: false, message: "Back on Monday" },
    ]);
  });
});
