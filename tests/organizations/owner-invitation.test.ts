import { describe, expect, it } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { decryptSecret, secretContext } from "@/server/crypto/secrets";
import { acceptWithPassword } from "@/server/invitations/accept";
import { inviteOwnerAction, withdrawOwnerInvitationAction } from "@/server/organizations/actions";
import { callerFor, db, issuerCompany, member, partnerCompany, shop, user } from "../support/factory";

// An organization created without its owner's address (or whose invitation went astray) gets its
// owner from the console: its partner or an administrator invites one, until one can sign in.

type Who = { id: string; role: UserRole };
const invite = (who: Who, organizationId: string, email: string) =>
  inviteOwnerAction.as(callerFor(who))({ organizationId, email });
const withdraw = (who: Who, organizationId: string, invitationId: string) =>
  withdrawOwnerInvitationAction.as(callerFor(who))({ organizationId, invitationId });
const FORBIDDEN = { ok: false, error: "You are not allowed to do this." };
const HAS_OWNER = {
  ok: false,
  error: "This organization has an owner who can sign in: its owners invite the shop's people themselves.",
};

async function world() {
  const northwind = await partnerCompany();
  const contoso = await partnerCompany();
  return {
    northwind,
    org: await shop(northwind.id),
    partner: await user("PARTNER", { partnerCompanyId: northwind.id }),
    otherPartner: await user("PARTNER", { partnerCompanyId: contoso.id }),
    admin: await user("ADMINISTRATOR"),
    issuer: await user("ISSUER", { issuerCompanyId: (await issuerCompany()).id }),
    merchant: await user("MERCHANT"),
  };
}
const openInvitations = (organizationId: string) =>
  db.authToken.findMany({
    where: { organizationId, kind: "INVITATION", usedAt: null, revokedAt: null },
    select: { id: true, membershipRole: true, user: { select: { email: true } } },
  });

describe("inviting the owner of an organization from the console", () => {
  it("lets its partner and the administrators invite an owner while none can sign in, emailed and audited", async () => {
    const w = await world();
    // nothing of whether the address had an account on the platform
    expect(await invite(w.partner, w.org.id, "Owner.One@Example.test")).toEqual({
      ok: true,
      data: { email: "owner.one@example.test" },
    });
    expect(await invite(w.admin, w.org.id, "owner.two@example.test")).toMatchObject({ ok: true });
    expect((await openInvitations(w.org.id)).map((i) => [i.user.email, i.membershipRole]).sort()).toEqual([
      ["owner.one@example.test", "OWNER"],
      ["owner.two@example.test", "OWNER"],
    ]);
    const sent = await db.emailOutbox.findMany({
      where: { toAddresses: { hasSome: ["owner.one@example.test", "owner.two@example.test"] } },
    });
    expect(sent.map((m) => m.kind)).toEqual(["member.invited", "member.invited"]);
    const events = await db.auditEvent.findMany({ where: { organizationId: w.org.id, action: "member.invited" } });
    expect(events.map((e) => e.actorId).sort()).toEqual([w.partner.id, w.admin.id].sort());
  });

  it("is refused to other partners, issuers and merchants, and changes nothing", async () => {
    const w = await world();
    for (const who of [w.otherPartner, w.issuer, w.merchant])
      expect(await invite(who, w.org.id, "intruder@example.test"), who.role).toEqual(FORBIDDEN);
    expect(await openInvitations(w.org.id)).toEqual([]);
    expect(await db.user.count({ where: { email: "intruder@example.test" } })).toBe(0);
  });

  it("is refused once an owner can sign in; a disabled owner does not count", async () => {
    const w = await world();
    const owner = await member(w.org.id, "OWNER");
    expect(await invite(w.admin, w.org.id, "late@example.test")).toEqual(HAS_OWNER);
    await db.user.update({ where: { id: owner.id }, data: { disabledAt: new Date() } });
    expect(await invite(w.admin, w.org.id, "late@example.test")).toMatchObject({ ok: true });
  });

  it("refuses a malformed address next to the field", async () => {
    const w = await world();
    expect(await invite(w.partner, w.org.id, "not an address")).toMatchObject({
      ok: false,
      fieldErrors: { email: "Enter a valid email address." },
    });
    expect(await openInvitations(w.org.id)).toEqual([]);
  });
});

describe("withdrawing an owner invitation from the console", () => {
  it("withdraws a wrong address's invitation, audited; its link stops working", async () => {
    const w = await world();
    await invite(w.partner, w.org.id, "typo@exmaple.test");
    const [wrong] = await openInvitations(w.org.id);
    expect(await withdraw(w.partner, w.org.id, wrong.id)).toEqual({ ok: true, data: { email: "typo@exmaple.test" } });
    expect(await openInvitations(w.org.id)).toEqual([]);
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { organizationId: w.org.id, action: "invitation.revoked" } }),
    ).toMatchObject({ actorId: w.partner.id, details: { email: "typo@exmaple.test" } });
    // again: nothing left to withdraw
    expect(await withdraw(w.partner, w.org.id, wrong.id)).toMatchObject({ ok: false });
  });

  it("refuses other partners, another organization's invitation, a member's invitation, and an owned organization", async () => {
    const w = await world();
    await invite(w.partner, w.org.id, "first.owner@example.test");
    const [ownerInvitation] = await openInvitations(w.org.id);
    expect(await withdraw(w.otherPartner, w.org.id, ownerInvitation.id)).toEqual(FORBIDDEN);
    const other = await shop(w.northwind.id);
    expect((await withdraw(w.partner, other.id, ownerInvitation.id)).ok).toBe(false);
    // an owner's own invitation of a member is the owner's to withdraw
    const owned = await shop(w.northwind.id);
    await member(owned.id, "OWNER");
    const membersInvitation = await db.authToken.create({
      data: {
        kind: "INVITATION",
        tokenHash: `hash-${owned.id}`,
        userId: (await user("MERCHANT")).id,
        organizationId: owned.id,
        membershipRole: "MEMBER",
        expiresAt: new Date(Date.now() + 86400_000),
      },
    });
    expect(await withdraw(w.partner, owned.id, membersInvitation.id)).toEqual(HAS_OWNER);
    // nor, while no owner can sign in (theirs is disabled), a member's invitation: only owner invitations
    await db.user.updateMany({
      where: { memberships: { some: { organizationId: owned.id, role: "OWNER" } } },
      data: { disabledAt: new Date() },
    });
    expect(await withdraw(w.partner, owned.id, membersInvitation.id)).toEqual({
      ok: false,
      error: "This invitation is no longer open (accepted, withdrawn or expired).",
    });
    expect((await openInvitations(w.org.id)).map((i) => i.id)).toEqual([ownerInvitation.id]);
    expect((await openInvitations(owned.id)).map((i) => i.id)).toEqual([membersInvitation.id]);
  });
});

describe("once an owner can sign in", () => {
  /** The link of the invitation emailed to this address, as its recipient reads it. */
  async function linkTo(email: string): Promise<string> {
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { toAddresses: { has: email } } });
    const text = decryptSecret(mail.text, secretContext.outbox(mail.id));
    return /\/invitation\/([A-Za-z0-9_-]{43})/.exec(text)![1];
  }

  it("the owner invitations the console sent before no longer let anyone in: the shop's people are its owners'", async () => {
    const w = await world();
    const customer = `customer-${w.org.id}@example.test`;
    const partners = `partners-own-${w.org.id}@example.test`;
    expect(await invite(w.partner, w.org.id, customer)).toMatchObject({ ok: true });
    expect(await invite(w.partner, w.org.id, partners)).toMatchObject({ ok: true });
    await acceptWithPassword(await linkTo(customer), { name: "Clara Customer", password: "a-long-enough-password-1" });

    // the partner's other address cannot become an owner behind the owner's back
    await expect(
      acceptWithPassword(await linkTo(partners), { name: "Pat", password: "a-long-enough-password-1" }),
    ).rejects.toThrow();
    const owners = await db.membership.findMany({
      where: { organizationId: w.org.id, role: "OWNER" },
      select: { user: { select: { email: true } } },
    });
    expect(owners.map((o) => o.user.email)).toEqual([customer]);
    expect(await openInvitations(w.org.id)).toEqual([]);
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { organizationId: w.org.id, action: "invitation.revoked" } }),
    ).toMatchObject({ details: { email: partners } });
  });
});
