import "server-only";
import { prisma, type Tx } from "@/server/db";
import { UserError } from "@/server/user-error";
import { actorOf, SYSTEM_ACTOR } from "@/server/audit/record";
import { lockShop } from "@/server/access/shop-lock";
import {
  inviteToOrganization,
  inviterOf,
  withdrawInvitation,
  withdrawOpenInvitations,
} from "@/server/invitations/invite";
import { inTenancy } from "@/server/tenancy";
import { CAN_SIGN_IN } from "@/server/auth/can-sign-in";
import type { Operator } from "@/server/viewer";

// An organization created without its owner's address, or whose owner invitation went to a wrong
// address or ran out, would otherwise never get an owner: a shop's people are its owners' to
// manage. So until the organization has an owner who can sign in, the operators who manage it (its
// partner, the administrators) invite one, and withdraw such invitations, from the console.

/** Whether an owner of the organization can sign in (has set a password, is not disabled). */
export async function hasOwnerWhoCanSignIn(tx: Tx, organizationId: string): Promise<boolean> {
  const owners = await tx.membership.count({
    where: { organizationId, role: "OWNER", user: CAN_SIGN_IN },
  });
  return owners > 0;
}

/**
 * Once an owner can sign in, the shop's people are its owners' to invite: the owner invitations
 * operators sent while it had none stop working, each recorded, so that none of them (a second
 * address the partner invited meanwhile) makes an owner beside the one who took the shop over.
 * Inside the transaction of a join, the shop locked.
 */
export async function endConsoleOwnerInvitations(tx: Tx, organizationId: string): Promise<void> {
  if (!(await hasOwnerWhoCanSignIn(tx, organizationId))) return;
  await withdrawOpenInvitations(
    tx,
    { organizationId, membershipRole: "OWNER", createdBy: { role: { not: "MERCHANT" } } },
    { actor: SYSTEM_ACTOR },
  );
}

/** The organization, locked, if the operator may manage it and it still has no owner; else refused. */
async function ownerlessOrganization(tx: Tx, operator: Operator, organizationId: string) {
  await lockShop(tx, organizationId);
  const organization = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, timeZone: true, language: true, partnerCompanyId: true },
  });
  if (!organization || !inTenancy(operator, organization)) throw new UserError("errors.forbidden");
  if (await hasOwnerWhoCanSignIn(tx, organization.id)) throw new UserError("organizations.errors.hasOwner");
  return organization;
}

/**
 * Invites the owner of an organization that has none, in the organization's language. The answer
 * says nothing of whether the address had an account: inviting and withdrawing would tell any
 * partner which addresses the platform knows.
 */
export function inviteOwner(operator: Operator, input: { organizationId: string; email: string }) {
  return prisma.$transaction(async (tx) => {
    const organization = await ownerlessOrganization(tx, operator, input.organizationId);
    await inviteToOrganization(tx, {
      organization,
      email: input.email,
      role: "OWNER",
      language: organization.language,
      invitedBy: inviterOf(operator),
    });
    return { email: input.email.trim().toLowerCase() };
  });
}

/** Withdraws an open owner invitation of an organization that still has no owner. */
export function withdrawOwnerInvitation(operator: Operator, input: { organizationId: string; invitationId: string }) {
  return prisma.$transaction(async (tx) => {
    const organization = await ownerlessOrganization(tx, operator, input.organizationId);
    return withdrawInvitation(
      tx,
      { id: input.invitationId, organizationId: organization.id, role: "OWNER" },
      { actor: actorOf(operator) },
    );
  });
}
