import "server-only";
import { prisma, type Tx } from "@/server/db";
import { UserError } from "@/server/user-error";
import { actorOf, record } from "@/server/audit/record";
import { hashPassword } from "@/server/auth/password";
import { consumeToken, findUsableToken } from "@/server/auth/tokens";
import { lockShop } from "@/server/access/shop-lock";
import { lockPerson } from "@/server/named-lock";
import { endConsoleOwnerInvitations } from "@/server/organizations/owner-invitation";
import type { Viewer } from "@/server/viewer";

/** What an invitation link asks of the person who opened it. */
export type InvitationView =
  | { step: "set-password"; email: string; name: string; shopName: string | null }
  | { step: "sign-in"; email: string; shopName: string | null }
  | { step: "accept"; email: string; shopName: string }
  | { step: "other-account"; email: string };

/** Reads an invitation for its page (never writes): null when the link no longer works. */
export async function viewInvitation(token: string, viewer: Viewer | null): Promise<InvitationView | null> {
  const row = await prisma.$transaction((tx) => findUsableToken(tx, token, "INVITATION"));
  if (!row) return null;
  const { email, name, passwordHash } = row.user;
  const shopName = row.organization?.name ?? null;
  if (!passwordHash) return { step: "set-password", email, name, shopName };
  // an account that already has a password joins the organization after signing in as itself
  if (!row.organization) return null;
  if (!viewer) return { step: "sign-in", email, shopName };
  if (viewer.id !== row.userId) return { step: "other-account", email };
  return { step: "accept", email, shopName: row.organization.name };
}

/**
 * Takes the invitation for use: first the shop it leads into, in the order every change to a
 * shop's members and invitations takes its locks (src/server/members/members.ts), so that an
 * owner withdrawing it at the same moment waits for this or wins, never deadlocks with it.
 */
async function useInvitation(tx: Tx, row: NonNullable<Awaited<ReturnType<typeof findUsableToken>>>) {
  if (row.organizationId) await lockShop(tx, row.organizationId);
  // then the person: an operator invitation taking over their account at this moment waits, or
  // has withdrawn this link already (see takeOverUnusedAccount in operator-invite.ts)
  await lockPerson(tx, row.userId);
  return consumeToken(tx, row.id);
}

/** Joins the invitation's shop; `user` as the person is now (a new account's name was just chosen). */
async function join(
  tx: Tx,
  row: NonNullable<Awaited<ReturnType<typeof findUsableToken>>>,
  user: Parameters<typeof actorOf>[0] = row.user,
) {
  if (!row.organizationId || !row.membershipRole) return;
  await tx.membership.createMany({
    data: [{ userId: row.userId, organizationId: row.organizationId, role: row.membershipRole }],
    skipDuplicates: true,
  });
  if (row.membershipRole === "OWNER") await endConsoleOwnerInvitations(tx, row.organizationId);
  await record(tx, {
    actor: actorOf(user),
    organizationId: row.organizationId,
    action: "member.joined",
    target: { type: "user", id: row.userId },
    details: { email: row.user.email, role: row.membershipRole },
  });
}

/**
 * A new account's invitation: the person names themself and chooses a password, once. Returns
 * the email to sign in with and where to go.
 */
export async function acceptWithPassword(
  token: string,
  input: { name: string; password: string },
): Promise<{ email: string; organizationId: string | null }> {
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const row = await findUsableToken(tx, token, "INVITATION");
    if (!row) throw new UserError("account.errors.linkInvalid");
    // a password set meanwhile, through another shop's link of the same person: this link still
    // works, for the person signed in
    const signInFirst = () =>
      row.organization
        ? new UserError("account.errors.passwordSetElsewhere", { shopName: row.organization.name })
        : new UserError("account.errors.linkInvalid");
    if (row.user.passwordHash) throw signInFirst();
    if (!(await useInvitation(tx, row))) throw new UserError("account.errors.linkInvalid");
    const { count } = await tx.user.updateMany({
      where: { id: row.userId, passwordHash: null },
      data: { passwordHash, name: input.name },
    });
    if (count === 0) throw signInFirst();
    // the audit names the person as they named themself just now, not by the placeholder
    const named = { ...row.user, name: input.name };
    if (row.organizationId) await join(tx, row, named);
    else
      await record(tx, {
        actor: actorOf(named),
        action: "operator.password-set",
        target: { type: "user", id: row.userId },
        details: { email: row.user.email },
      });
    return { email: row.user.email, organizationId: row.organizationId };
  });
}

/** An existing account's invitation, accepted by that person once signed in. */
export async function acceptAsSignedIn(token: string, viewer: Viewer): Promise<{ organizationId: string }> {
  return prisma.$transaction(async (tx) => {
    const row = await findUsableToken(tx, token, "INVITATION");
    if (!row || !row.organizationId) throw new UserError("account.errors.linkInvalid");
    if (row.userId !== viewer.id) throw new UserError("account.errors.otherAccount");
    if (!(await useInvitation(tx, row))) throw new UserError("account.errors.linkInvalid");
    await join(tx, row);
    return { organizationId: row.organizationId };
  });
}
