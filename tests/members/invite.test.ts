import { describe, expect, it } from "vitest";
import type { UserRole } from "@/generated/prisma/enums";
import { inviteMemberAction } from "@/server/members/actions";
import { hashToken } from "@/server/auth/tokens";
import { decryptSecret, secretContext } from "@/server/crypto/secrets";
import { db, member, user } from "../support/factory";
import { as, snapshot, world } from "./world";

const invite = (
  w: Awaited<ReturnType<typeof world>>,
  email: string,
  role = "MEMBER",
  who: { id: string; role: UserRole } = w.owner,
) => as(inviteMemberAction, who, { shopId: w.alpine.id, email, role });

describe("inviting a member", () => {
  it("creates an account without a password, a single-use token and an encrypted email carrying the link", async () => {
    const w = await world();
    const result = await invite(w, "  Neu.Kunde@Example.COM ", "SUPER_ADMIN");
    expect(result).toMatchObject({ ok: true, data: { email: "neu.kunde@example.com" } });

    const invitee = await db.user.findUniqueOrThrow({ where: { email: "neu.kunde@example.com" } });
    expect(invitee).toMatchObject({ role: "MERCHANT", passwordHash: null });
    // the membership exists only once the link is used
    expect(await db.membership.count({ where: { userId: invitee.id } })).toBe(0);
    const token = await db.authToken.findFirstOrThrow({ where: { userId: invitee.id } });
    expect(token).toMatchObject({
      kind: "INVITATION",
      organizationId: w.alpine.id,
      membershipRole: "SUPER_ADMIN",
      createdById: w.owner.id,
      usedAt: null,
      revokedAt: null,
    });

    const mail = await db.emailOutbox.findFirstOrThrow({
      where: { kind: "member.invited", organizationId: w.alpine.id },
    });
    expect(mail.toAddresses).toEqual(["neu.kunde@example.com"]);
    expect(mail.sensitive).toBe(true);
    expect(mail.text).not.toContain("/invitation/");
    const link = decryptSecret(mail.text, secretContext.outbox(mail.id)).match(/\/invitation\/([A-Za-z0-9_-]{43})/);
    expect(link).not.toBeNull();
    expect(hashToken(link![1])).toBe(token.tokenHash);

    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "member.invited", organizationId: w.alpine.id },
    });
    expect(audit).toMatchObject({
      actorId: w.owner.id,
      targetId: invitee.id,
      details: { email: "neu.kunde@example.com", role: "SUPER_ADMIN" },
    });
  });

  it("gives a new account the shop's time zone, until its person signs in with their own", async () => {
    const w = await world();
    await db.organization.update({ where: { id: w.alpine.id }, data: { timeZone: "America/Chicago" } });
    expect(await invite(w, "chicago@example.com")).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { email: "chicago@example.com" } })).timeZone).toBe(
      "America/Chicago",
    );
  });

  it("gives an existing merchant account a token but creates no second account", async () => {
    const w = await world();
    const before = await db.user.count();
    expect(await invite(w, w.otherOwner.email.toUpperCase())).toMatchObject({ ok: true });
    expect(await db.user.count()).toBe(before);
    expect(
      await db.authToken.count({ where: { userId: w.otherOwner.id, organizationId: w.alpine.id, kind: "INVITATION" } }),
    ).toBe(1);
    expect(
      await db.emailOutbox.count({ where: { toAddresses: { has: w.otherOwner.email }, kind: "member.invited" } }),
    ).toBe(1);
  });

  it("tells the shop nothing of whether the address already has an account: that is other shops' business", async () => {
    const w = await world();
    // the owner of another shop (an account the platform has) and an address it has never seen
    const known = await invite(w, w.otherOwner.email, "MEMBER");
    const unknown = await invite(w, "never.seen@example.com", "MEMBER");
    expect(known).toEqual({ ok: true, data: { email: w.otherOwner.email } });
    expect(unknown).toEqual({ ok: true, data: { email: "never.seen@example.com" } });
    // nor does the shop's Support activity, which every member of the shop reads
    const recorded = await db.auditEvent.findMany({
      where: { action: "member.invited", organizationId: w.alpine.id },
      orderBy: { id: "asc" },
    });
    expect(recorded.map((e) => e.details)).toEqual([
      { email: w.otherOwner.email, role: "MEMBER" },
      { email: "never.seen@example.com", role: "MEMBER" },
    ]);
  });

  it("two shops inviting the same new address at the same moment make one account, and both invitations", async () => {
    const w = await world();
    for (let round = 0; round < 5; round++) {
      const email = `together-${round}-${w.alpine.id}@example.com`;
      const results = await Promise.all([
        as(inviteMemberAction, w.owner, { shopId: w.alpine.id, email, role: "MEMBER" }),
        as(inviteMemberAction, w.otherOwner, { shopId: w.baltic.id, email, role: "MEMBER" }),
      ]);
      expect(results, `round ${round}`).toEqual([
        expect.objectContaining({ ok: true }),
        expect.objectContaining({ ok: true }),
      ]);
      const invitee = await db.user.findUniqueOrThrow({ where: { email } });
      const tokens = await db.authToken.findMany({ where: { userId: invitee.id, kind: "INVITATION" } });
      expect(tokens.map((t) => t.organizationId).sort()).toEqual([w.alpine.id, w.baltic.id].sort());
    }
  });

  it("a second invitation to the same person replaces the first", async () => {
    const w = await world();
    await invite(w, "twice@example.com", "MEMBER");
    await invite(w, "twice@example.com", "OWNER");
    const tokens = await db.authToken.findMany({
      where: { organizationId: w.alpine.id },
      orderBy: { membershipRole: "asc" },
    });
    expect(tokens.map((t) => ({ role: t.membershipRole, open: t.revokedAt === null }))).toEqual([
      { role: "OWNER", open: true },
      { role: "MEMBER", open: false },
    ]);
  });

  it("an invitation another replaced is recorded as withdrawn, by whoever sent the new one", async () => {
    const w = await world();
    await invite(w, "replaced@example.com", "OWNER", w.owner);
    await invite(w, "replaced@example.com", "MEMBER", w.owner2);
    const invitee = await db.user.findUniqueOrThrow({ where: { email: "replaced@example.com" } });
    const history = await db.auditEvent.findMany({
      where: { organizationId: w.alpine.id, targetId: invitee.id },
      orderBy: { id: "asc" },
    });
    // the shop's history does not read as though both invitations were still open
    expect(history.map((e) => [e.action, e.actorId, e.details])).toEqual([
      ["member.invited", w.owner.id, { email: "replaced@example.com", role: "OWNER" }],
      ["invitation.revoked", w.owner2.id, { email: "replaced@example.com" }],
      ["member.invited", w.owner2.id, { email: "replaced@example.com", role: "MEMBER" }],
    ]);
  });

  it("refuses operator accounts, present members and malformed addresses with a message at the field", async () => {
    const w = await world();
    const before = await snapshot(w.alpine.id);
    const operator = await invite(w, w.operator.email);
    expect(operator).toMatchObject({
      ok: false,
      fieldErrors: { email: "This address belongs to an operator account and cannot join a shop." },
    });
    expect(await invite(w, w.staff.email)).toMatchObject({
      ok: false,
      fieldErrors: { email: "This person is already a member of this shop." },
    });
    expect(await invite(w, "not-an-address")).toMatchObject({
      ok: false,
      fieldErrors: { email: "Please enter a valid email address." },
    });
    expect(await invite(w, "someone@example.com", "ADMINISTRATOR")).toMatchObject({
      ok: false,
      fieldErrors: { role: "Please choose a role." },
    });
    const disabled = await user("MERCHANT");
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    expect(await invite(w, disabled.email)).toMatchObject({
      ok: false,
      fieldErrors: { email: "The account with this address is disabled." },
    });
    expect(await snapshot(w.alpine.id)).toEqual({ ...before, users: before.users + 1 });
  });

  it("sends at most 30 invitations a day from one shop: the platform is no mail relay for its owners", async () => {
    const w = await world();
    const someone = await user("MERCHANT");
    const sentToday = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db.authToken.create({
          data: {
            kind: "INVITATION",
            tokenHash: `relay-${w.alpine.id}-${i}`,
            userId: someone.id,
            organizationId: w.alpine.id,
            membershipRole: "MEMBER",
            createdById: w.owner.id,
            expiresAt: new Date(Date.now() + 86400_000),
          },
        }),
      ),
    );
    expect(await invite(w, "one.too.many@example.com")).toEqual({
      ok: false,
      error: "This shop has sent 30 invitations in the last 24 hours, the most it may. Try again later.",
    });
    expect(await db.user.count({ where: { email: "one.too.many@example.com" } })).toBe(0);
    // a day later the shop invites again
    await db.authToken.update({
      where: { id: sentToday[0].id },
      data: { createdAt: new Date(Date.now() - 25 * 3600_000) },
    });
    expect(await invite(w, "one.too.many@example.com")).toMatchObject({ ok: true });
  });

  it("is refused to super admins and members", async () => {
    const w = await world();
    const before = await snapshot(w.alpine.id);
    for (const who of [w.superAdmin, w.staff, await member(w.baltic.id, "OWNER")]) {
      expect(await invite(w, "sneaky@example.com", "OWNER", who)).toEqual({
        ok: false,
        error: "You are not allowed to do this.",
      });
    }
    expect(await snapshot(w.alpine.id)).toEqual({ ...before, users: before.users + 1 });
    expect(await db.user.count({ where: { email: "sneaky@example.com" } })).toBe(0);
  });
});
