import "server-only";
import type { MembershipRole } from "@/generated/prisma/enums";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { addHours } from "date-fns";
import { UserError } from "@/server/user-error";
import type { MessageKey } from "@/i18n/keys";
import { CAN_SIGN_IN } from "@/server/auth/can-sign-in";
import { record } from "@/server/audit/record";
import { auditActorOf } from "@/server/access/audit-actor";
import type { ShopAccess } from "@/server/access/shop-access";
import { holdShopForWrite } from "@/server/access/hold-shop";
import {
  inviteToOrganization,
  inviterOf,
  withdrawInvitation,
  withdrawOpenInvitations,
} from "@/server/invitations/invite";

/**
 * Every change to who belongs to a shop runs here: the shop's row lock first, so concurrent
 * changes queue and each one re-reads what the one before it wrote.
 */
async function underShopLock<T>(
  access: ShopAccess,
  work: (tx: Tx) => Promise<T>,
  held: { permission: "members.manage" | "members.leave"; refusal: MessageKey } = {
    permission: "members.manage",
    refusal: "members.errors.noLongerOwner",
  },
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    // a request that waited behind another (which demoted or removed this caller) must not act
    // on the role it no longer holds
    await holdShopForWrite(tx, access, held.permission, held.refusal);
    return work(tx);
  });
}

/**
 * Ends a membership, removed or left: an owner only while another owner who can sign in stays,
 * and the open invitations they sent go with them. Recorded as `action`.
 */
async function endMembership(
  tx: Tx,
  access: ShopAccess,
  membership: { id: string; role: MembershipRole; userId: string; user: { email: string } },
  action: "member.removed" | "member.left",
) {
  const self = membership.userId === access.viewer.id;
  if (membership.role === "OWNER") await ensureAnotherOwner(tx, access.organization.id, membership.userId, self);
  await tx.membership.delete({ where: { id: membership.id } });
  if (membership.role === "OWNER") await withdrawInvitationsSentBy(tx, access, membership.userId);
  await record(tx, {
    ...auditActorOf(access),
    action,
    target: { type: "user", id: membership.userId },
    details: { email: membership.user.email, role: membership.role },
  });
}

/** The membership named by the form, but only within the caller's shop. */
async function membershipIn(tx: Tx, organizationId: string, membershipId: string) {
  const membership = await tx.membership.findFirst({
    where: { id: membershipId, organizationId },
    select: { id: true, role: true, userId: true, user: { select: { name: true, email: true } } },
  });
  if (!membership) throw new UserError("members.errors.memberGone");
  return membership;
}

/**
 * The last-owner rule: a shop always keeps an owner who can sign in. Called under the shop lock,
 * before an owner is demoted or removed.
 */
async function ensureAnotherOwner(tx: Tx, organizationId: string, leavingUserId: string, self: boolean) {
  const others = await tx.membership.count({
    where: { organizationId, role: "OWNER", userId: { not: leavingUserId }, user: CAN_SIGN_IN },
  });
  if (others === 0) throw new UserError(self ? "members.errors.lastOwnerSelf" : "members.errors.lastOwner");
}

/**
 * The open invitations into the shop that a person sent go when they stop being an owner (demoted
 * or removed): nobody keeps a way back in after the shop took it away (an owner about to be
 * removed inviting a second address of their own as owner). Each is recorded as withdrawn, by
 * whoever demoted or removed them.
 */
async function withdrawInvitationsSentBy(tx: Tx, access: ShopAccess, userId: string) {
  await withdrawOpenInvitations(
    tx,
    { organizationId: access.organization.id, createdById: userId },
    auditActorOf(access),
  );
}

/** A shop sends at most this many invitations a day: its owners cannot make the platform a mail relay. */
export const INVITATIONS_PER_DAY = 30;

export async function inviteMember(
  access: ShopAccess,
  input: { email: string; role: MembershipRole; language: "EN" | "DE" },
) {
  return underShopLock(access, async (tx) => {
    const today = await tx.authToken.count({
      where: { organizationId: access.organization.id, kind: "INVITATION", createdAt: { gt: addHours(now(), -24) } },
    });
    if (today >= INVITATIONS_PER_DAY)
      throw new UserError("members.errors.tooManyInvitations", { count: INVITATIONS_PER_DAY, hours: 24 });
    return inviteToOrganization(tx, {
      organization: {
        id: access.organization.id,
        name: access.organization.name,
        timeZone: access.organization.timeZone,
      },
      email: input.email,
      role: input.role,
      language: input.language,
      invitedBy: inviterOf(access.viewer),
    });
  });
}

export async function changeMemberRole(access: ShopAccess, input: { membershipId: string; role: MembershipRole }) {
  const organizationId = access.organization.id;
  return underShopLock(access, async (tx) => {
    const membership = await membershipIn(tx, organizationId, input.membershipId);
    if (membership.role === input.role) return { changed: false, name: membership.user.name, role: input.role };
    if (membership.role === "OWNER")
      await ensureAnotherOwner(tx, organizationId, membership.userId, membership.userId === access.viewer.id);
    // the role this request read is the one it replaces; a concurrent writer waited on the lock
    await tx.membership.update({ where: { id: membership.id }, data: { role: input.role } });
    if (membership.role === "OWNER") await withdrawInvitationsSentBy(tx, access, membership.userId);
    await record(tx, {
      ...auditActorOf(access),
      action: "member.role-changed",
      target: { type: "user", id: membership.userId },
      details: { email: membership.user.email, role: input.role, previousRole: membership.role },
    });
    return { changed: true, name: membership.user.name, role: input.role };
  });
}

/** Ends a membership; the person's account (and anything else they did) stays. */
export async function removeMember(access: ShopAccess, input: { membershipId: string }) {
  const organizationId = access.organization.id;
  return underShopLock(access, async (tx) => {
    const membership = await membershipIn(tx, organizationId, input.membershipId);
    await endMembership(tx, access, membership, "member.removed");
    return { removedSelf: membership.userId === access.viewer.id, name: membership.user.name };
  });
}

/**
 * The viewer leaves the shop: their own membership ends, whatever their role (an owner only while
 * another owner who can sign in stays). Nobody acting in a support session leaves for them.
 */
export async function leaveShop(access: ShopAccess) {
  const organizationId = access.organization.id;
  return underShopLock(
    access,
    async (tx) => {
      const membership = await tx.membership.findUniqueOrThrow({
        where: { userId_organizationId: { userId: access.viewer.id, organizationId } },
        select: { id: true, role: true, userId: true, user: { select: { email: true } } },
      });
      await endMembership(tx, access, membership, "member.left");
      return { removedSelf: true };
    },
    { permission: "members.leave", refusal: "members.errors.notMember" },
  );
}

/** Withdraws an open invitation into this shop: its link stops working. */
export async function revokeInvitation(access: ShopAccess, input: { invitationId: string }) {
  return underShopLock(access, (tx) =>
    withdrawInvitation(tx, { id: input.invitationId, organizationId: access.organization.id }, auditActorOf(access)),
  );
}
