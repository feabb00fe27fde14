import { describe, expect, it } from "vitest";
import { z } from "zod";
import { shopAction, type ServerAction } from "@/server/action";
import {
  changeMemberRoleAction,
  inviteMemberAction,
  leaveShopAction,
  removeMemberAction,
  revokeInvitationAction,
} from "@/server/members/actions";
import { db, supportSession } from "../support/factory";
import { as, membershipOf, snapshot, world, type World } from "./world";

const FORBIDDEN = { ok: false, error: "You are not allowed to do this." };

async function invited(w: World, email = "pending@example.com") {
  await as(inviteMemberAction, w.owner, { shopId: w.alpine.id, email, role: "MEMBER" });
  return db.authToken.findFirstOrThrow({ where: { organizationId: w.alpine.id, user: { email } } });
}

describe("managing members", () => {
  it("an owner changes a member's role, recorded with the role before and after", async () => {
    const w = await world();
    const staff = await membershipOf(w.alpine.id, w.staff.id);
    const result = await as(changeMemberRoleAction, w.owner, {
      shopId: w.alpine.id,
      membershipId: staff.id,
      role: "SUPER_ADMIN",
    });
    expect(result).toMatchObject({ ok: true, data: { changed: true, name: w.staff.name, role: "SUPER_ADMIN" } });
    expect((await membershipOf(w.alpine.id, w.staff.id)).role).toBe("SUPER_ADMIN");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "member.role-changed" } });
    expect(audit).toMatchObject({
      actorId: w.owner.id,
      organizationId: w.alpine.id,
      targetId: w.staff.id,
      details: { email: w.staff.email, role: "SUPER_ADMIN", previousRole: "MEMBER" },
    });
    // the same role again changes and records nothing
    expect(
      await as(changeMemberRoleAction, w.owner, { shopId: w.alpine.id, membershipId: staff.id, role: "SUPER_ADMIN" }),
    ).toMatchObject({ ok: true, data: { changed: false } });
    expect(await db.auditEvent.count({ where: { action: "member.role-changed" } })).toBe(1);
  });

  it("an owner removes a member: the membership goes, the account and other memberships stay", async () => {
    const w = await world();
    await db.membership.create({ data: { userId: w.staff.id, organizationId: w.baltic.id, role: "MEMBER" } });
    const staff = await membershipOf(w.alpine.id, w.staff.id);
    expect(await as(removeMemberAction, w.owner, { shopId: w.alpine.id, membershipId: staff.id })).toMatchObject({
      ok: true,
      data: { removedSelf: false, name: w.staff.name },
    });
    expect(await db.membership.findUnique({ where: { id: staff.id } })).toBeNull();
    expect(await db.user.findUnique({ where: { id: w.staff.id } })).not.toBeNull();
    expect(await db.membership.count({ where: { userId: w.staff.id, organizationId: w.baltic.id } })).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "member.removed" } });
    expect(audit).toMatchObject({
      actorId: w.owner.id,
      organizationId: w.alpine.id,
      targetId: w.staff.id,
      details: { email: w.staff.email, role: "MEMBER" },
    });
    // a second attempt finds nothing to remove
    expect(await as(removeMemberAction, w.owner, { shopId: w.alpine.id, membershipId: staff.id })).toMatchObject({
      ok: false,
      error: "This person is no longer a member of this shop.",
    });
  });

  it("an owner may leave while another owner remains, and then has no access", async () => {
    const w = await world();
    const own = await membershipOf(w.alpine.id, w.owner.id);
    expect(await as(removeMemberAction, w.owner, { shopId: w.alpine.id, membershipId: own.id })).toMatchObject({
      ok: true,
      data: { removedSelf: true },
    });
    expect(
      await as(removeMemberAction, w.owner, {
        shopId: w.alpine.id,
        membershipId: (await membershipOf(w.alpine.id, w.staff.id)).id,
      }),
    ).toEqual(FORBIDDEN);
    expect((await membershipOf(w.alpine.id, w.owner2.id)).role).toBe("OWNER");
  });

  it("an owner withdraws an open invitation; its link no longer counts as pending", async () => {
    const w = await world();
    const token = await invited(w);
    expect(await as(revokeInvitationAction, w.owner2, { shopId: w.alpine.id, invitationId: token.id })).toMatchObject({
      ok: true,
      data: { email: "pending@example.com" },
    });
    expect((await db.authToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).not.toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "invitation.revoked" } });
    expect(audit).toMatchObject({
      actorId: w.owner2.id,
      organizationId: w.alpine.id,
      targetId: token.userId,
      details: { email: "pending@example.com" },
    });
    expect(await as(revokeInvitationAction, w.owner2, { shopId: w.alpine.id, invitationId: token.id })).toMatchObject({
      ok: false,
      error: expect.stringContaining("no longer open"),
    });
  });
});

describe("forged calls change nothing", () => {
  async function attempts(w: World) {
    const token = await invited(w);
    const staff = await membershipOf(w.alpine.id, w.staff.id);
    const owner = await membershipOf(w.alpine.id, w.owner.id);
    const on = (shopId: string): [ServerAction<unknown>, Record<string, unknown>][] => [
      [inviteMemberAction, { shopId, email: "intruder@example.com", role: "OWNER" }],
      [changeMemberRoleAction, { shopId, membershipId: owner.id, role: "MEMBER" }],
      [changeMemberRoleAction, { shopId, membershipId: staff.id, role: "OWNER" }],
      [removeMemberAction, { shopId, membershipId: owner.id }],
      [revokeInvitationAction, { shopId, invitationId: token.id }],
    ];
    return on;
  }

  it("from a member, a super admin and the owner of another shop naming this shop", async () => {
    const w = await world();
    const on = await attempts(w);
    const before = await snapshot(w.alpine.id);
    for (const who of [w.staff, w.superAdmin, w.otherOwner, w.operator]) {
      for (const [action, input] of on(w.alpine.id)) {
        expect(await as(action, who, input), `${who.email} ${JSON.stringify(input)}`).toEqual(FORBIDDEN);
      }
    }
    expect(await snapshot(w.alpine.id)).toEqual(before);
  });

  it("from the owner of another shop naming their own shop and this shop's records", async () => {
    const w = await world();
    const on = await attempts(w);
    const before = await snapshot(w.alpine.id);
    const beforeBaltic = await snapshot(w.baltic.id);
    for (const [action, input] of on(w.baltic.id).slice(1)) {
      const result = await as(action, w.otherOwner, input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/no longer a member|no longer open/);
    }
    expect(await snapshot(w.alpine.id)).toEqual(before);
    expect(await snapshot(w.baltic.id)).toEqual(beforeBaltic);
  });

  it("from an operator in a view-and-change support session acting as owner", async () => {
    const w = await world();
    const on = await attempts(w);
    const { session } = await supportSession(w.operator.id, w.alpine.id, w.partner.id, {
      scope: "VIEW_AND_CHANGE",
      actingRole: "OWNER",
    });
    // the session itself holds: it may look at the members
    const look = shopAction(
      { permission: "members.view", schema: z.object({ shopId: z.string() }) },
      async () => "seen",
    );
    expect(await as(look, w.operator, { shopId: w.alpine.id }, session.id)).toEqual({ ok: true, data: "seen" });
    const before = await snapshot(w.alpine.id);
    for (const [action, input] of on(w.alpine.id)) {
      expect(await as(action, w.operator, input, session.id), JSON.stringify(input)).toEqual(FORBIDDEN);
    }
    expect(await snapshot(w.alpine.id)).toEqual(before);
    expect(await db.user.count({ where: { email: "intruder@example.com" } })).toBe(0);
  });
});

// last in this file: the other tests find the first event of an action in the whole database
describe("leaving and going", () => {
  it("a member and a super admin leave the shop themselves; the account and other shops stay", async () => {
    const w = await world();
    await db.membership.create({ data: { userId: w.staff.id, organizationId: w.baltic.id, role: "MEMBER" } });
    for (const who of [w.staff, w.superAdmin]) {
      const role = (await membershipOf(w.alpine.id, who.id)).role;
      expect(await as(leaveShopAction, who, { shopId: w.alpine.id })).toEqual({
        ok: true,
        data: { removedSelf: true },
      });
      expect(await db.membership.count({ where: { userId: who.id, organizationId: w.alpine.id } })).toBe(0);
      const event = await db.auditEvent.findFirstOrThrow({
        where: { action: "member.left", organizationId: w.alpine.id, targetId: who.id },
      });
      expect(event).toMatchObject({ actorId: who.id, details: { email: who.email, role } });
    }
    expect(await db.membership.count({ where: { userId: w.staff.id, organizationId: w.baltic.id } })).toBe(1);
    // gone, they cannot leave again, nor anyone leave a shop they are not in
    for (const who of [w.staff, w.otherOwner, w.operator])
      expect((await as(leaveShopAction, who, { shopId: w.alpine.id })).ok, who.email).toBe(false);
  });

  it("the last owner cannot leave; an owner with another owner can, and their invitations go", async () => {
    const w = await world();
    await db.membership.update({
      where: { id: (await membershipOf(w.alpine.id, w.owner2.id)).id },
      data: { role: "MEMBER" },
    });
    const before = await snapshot(w.alpine.id);
    expect(await as(leaveShopAction, w.owner, { shopId: w.alpine.id })).toEqual({
      ok: false,
      error: "You are the last owner, so you cannot leave or give up the owner role. Make someone else an owner first.",
    });
    expect(await snapshot(w.alpine.id)).toEqual(before);
    await db.membership.update({
      where: { id: (await membershipOf(w.alpine.id, w.owner2.id)).id },
      data: { role: "OWNER" },
    });
    const token = await invited(w, "their-pick@example.com");
    expect(await as(leaveShopAction, w.owner, { shopId: w.alpine.id })).toMatchObject({ ok: true });
    expect((await db.authToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).not.toBeNull();
  });

  it("nobody leaves for the member in a support session", async () => {
    const w = await world();
    const { session } = await supportSession(w.operator.id, w.alpine.id, w.partner.id, {
      scope: "VIEW_AND_CHANGE",
      actingRole: "OWNER",
    });
    const before = await snapshot(w.alpine.id);
    expect(await as(leaveShopAction, w.operator, { shopId: w.alpine.id }, session.id)).toEqual(FORBIDDEN);
    expect(await snapshot(w.alpine.id)).toEqual(before);
  });

  it("the open invitations an owner sent go when they are demoted or removed, recorded as withdrawn", async () => {
    const w = await world();
    const ask = async (email: string, role: "OWNER" | "MEMBER", by = w.owner2) => {
      expect(await as(inviteMemberAction, by, { shopId: w.alpine.id, email, role })).toMatchObject({ ok: true });
      return db.authToken.findFirstOrThrow({ where: { organizationId: w.alpine.id, user: { email } } });
    };
    // the owner about to go invites a second address of their own as owner, and someone else
    const backdoor = await ask("second-address@example.com", "OWNER");
    const colleague = await ask("colleague@example.com", "MEMBER");
    const kept = await ask("kept@example.com", "MEMBER", w.owner);
    const owner2 = await membershipOf(w.alpine.id, w.owner2.id);
    expect(
      await as(changeMemberRoleAction, w.owner, { shopId: w.alpine.id, membershipId: owner2.id, role: "MEMBER" }),
    ).toMatchObject({ ok: true, data: { changed: true } });
    for (const token of [backdoor, colleague])
      expect((await db.authToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).not.toBeNull();
    expect((await db.authToken.findUniqueOrThrow({ where: { id: kept.id } })).revokedAt).toBeNull();
    const withdrawn = await db.auditEvent.findMany({
      where: { organizationId: w.alpine.id, action: "invitation.revoked" },
      orderBy: { id: "asc" },
    });
    expect(withdrawn.map((e) => [e.actorId, (e.details as { email: string }).email])).toEqual([
      [w.owner.id, "second-address@example.com"],
      [w.owner.id, "colleague@example.com"],
    ]);

    // removed, the same: an owner's invitation goes with them
    const later = await ask("later@example.com", "OWNER", w.owner);
    await db.membership.update({ where: { id: owner2.id }, data: { role: "OWNER" } });
    const owner = await membershipOf(w.alpine.id, w.owner.id);
    expect(await as(removeMemberAction, w.owner2, { shopId: w.alpine.id, membershipId: owner.id })).toMatchObject({
      ok: true,
    });
    for (const token of [kept, later])
      expect((await db.authToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).not.toBeNull();
  });
});
