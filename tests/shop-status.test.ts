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

  it("changed by support inside a session, is told to the shop's owners in their language; an owner's own change is not", async () => {
    const partner = await partnerCompany();
    const alpine = await shop(partner.id, { name: "Alpine Told" });
    const owner = await member(alpine.id, "OWNER");
    const german = await member(alpine.id, "OWNER");
    await db.user.update({ where: { id: german.id }, data: { locale: "DE" } });
    await member(alpine.id, "SUPER_ADMIN");
    const operator = await user("PARTNER", { partnerCompanyId: partner.id });
    const { session } = await supportSession(operator.id, alpine.id, partner.id, { scope: "VIEW_AND_CHANGE" });
    const told = async () => {
      const mails = await db.emailOutbox.findMany({
        where: { organizationId: alpine.id, kind: "shop.status-changed" },
      });
      await db.emailOutbox.deleteMany({ where: { organizationId: alpine.id } });
      return Object.fromEntries(mails.map((m) => [m.toAddresses.join(), m]));
    };

    const save = (who: Parameters<typeof callerFor>[0], input: object, cookie?: string) =>
      saveStorefrontStatusAction.as(callerFor(who, cookie))({ shopId: alpine.id, ...input });
    expect(await save(operator, { storefrontOpen: "no", closedMessage: "Back soon" }, session.id)).toMatchObject({
      ok: true,
    });
    const closed = await told();
    expect(Object.keys(closed).sort()).toEqual([owner.email, german.email].sort());
    expect(closed[owner.email].subject).toBe("Alpine Told was closed for customers in a support session");
    expect(closed[owner.email].text).toContain(
      `${operator.name} (${partner.name}) closed Alpine Told for customers during a support session.`,
    );
    expect(closed[owner.email].text).toContain("Message for customers: Back soon");
    expect(closed[german.email].subject).toBe("Alpine Told wurde in einer Support-Sitzung für Kunden geschlossen");

    // closed before and after, only the message changed: the owners are told so, not that it closed
    expect(await save(operator, { storefrontOpen: "no", closedMessage: "Back on Monday" }, session.id)).toMatchObject({
      ok: true,
    });
    const message = await told();
    expect(message[owner.email].subject).toBe(
      "The message customers of Alpine Told read was changed in a support session",
    );
    expect(message[owner.email].text).toContain(
      `${operator.name} (${partner.name}) changed the message customers of Alpine Told read while it is closed during a support session.`,
    );
    expect(message[owner.email].text).toContain("Message for customers: Back on Monday");
    expect(message[german.email].subject).toBe(
      "Der Hinweis für Kunden von Alpine Told wurde in einer Support-Sitzung geändert",
    );

    // saving what is there changes nothing and tells nobody; nor does an owner's own change
    expect(await save(operator, { storefrontOpen: "no", closedMessage: "Back on Monday" }, session.id)).toMatchObject({
      ok: true,
    });
    expect(await save(owner, { storefrontOpen: "yes" })).toMatchObject({ ok: true });
    expect(await told()).toEqual({});
    expect(await save(operator, { storefrontOpen: "no" }, session.id)).toMatchObject({ ok: true });
    expect(await save(operator, { storefrontOpen: "yes" }, session.id)).toMatchObject({ ok: true });
    const reopened = Object.values(await told()).map((m) => m.subject);
    expect(reopened).toContain("Alpine Told was opened for customers in a support session");
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
