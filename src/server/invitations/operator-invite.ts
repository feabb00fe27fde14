import "server-only";
import type { UserRole } from "@/generated/prisma/enums";
import type { Tx } from "@/server/db";
import { UserError } from "@/server/user-error";
import { record, SYSTEM_ACTOR, type AuditActor } from "@/server/audit/record";
import { issueToken, revokeOpenTokens, tokenLink, TOKEN_VALID_HOURS } from "@/server/auth/tokens";
import { translator } from "@/i18n/translator";
import { lockName, lockPerson } from "@/server/named-lock";
import { expiresText, sendLinkEmail, withdrawOpenInvitations, type Inviter, type Language } from "./invite";

// An operator's invitation, from an administrator or from admin:create, and the new link for one
// nobody accepted. A shop's invitations are in invite.ts.

/**
 * An account a shop's invitation made for an address that never accepted it (no password, no
 * membership): it claims the address for nobody, so an operator invitation takes it over. Its
 * open shop invitations are withdrawn, each recorded in that shop's history.
 */
async function takeOverUnusedAccount(tx: Tx, userId: string, by: AuditActor): Promise<void> {
  await withdrawOpenInvitations(tx, { userId }, { actor: by });
}

/**
 * Creates an operator account (no password yet) and emails the link that sets one. Refused
 * when the address already has an account someone uses; one a shop's unaccepted invitation made
 * is taken over (takeOverUnusedAccount).
 */
export async function inviteOperator(
  tx: Tx,
  input: {
    email: string;
    name: string;
    role: Exclude<UserRole, "MERCHANT">;
    partnerCompanyId: string | null;
    issuerCompanyId: string | null;
    companyName: string;
    language: Language;
    invitedBy: Inviter | null;
  },
): Promise<{ userId: string; token: string }> {
  const email = input.email.trim().toLowerCase();
  // one account per address, whoever invites it at the same moment (see inviteToOrganization)
  await lockName(tx, `user-email:${email}`);
  // the account's row too, before it is judged unused: an acceptance of its shop invitation under
  // way finishes first (and it is no longer unused), or waits and finds its link withdrawn
  await tx.$queryRaw`SELECT 1 FROM "User" WHERE "email" = ${email} FOR UPDATE`;
  const existing = await tx.user.findUnique({
    where: { email },
    select: { id: true, role: true, passwordHash: true, _count: { select: { memberships: true } } },
  });
  const unused = existing?.role === "MERCHANT" && existing.passwordHash === null && existing._count.memberships === 0;
  if (existing && !unused) {
    throw new UserError("operators.errors.emailTaken", undefined, { email: "operators.errors.emailTaken" });
  }
  const account = {
    name: input.name.trim(),
    role: input.role,
    partnerCompanyId: input.partnerCompanyId,
    issuerCompanyId: input.issuerCompanyId,
    locale: input.language,
  };
  const select = { id: true, locale: true, timeZone: true } as const;
  if (existing) await takeOverUnusedAccount(tx, existing.id, input.invitedBy ?? SYSTEM_ACTOR);
  const user = existing
    ? await tx.user.update({ where: { id: existing.id }, data: account, select })
    : await tx.user.create({ data: { email, passwordHash: null, ...account }, select });
  const issued = await issueOperatorLink(tx, { ...user, email }, input);
  await record(tx, {
    actor: input.invitedBy ?? SYSTEM_ACTOR,
    action: "operator.invited",
    target: { type: "user", id: user.id },
    details: { email, role: input.role, company: input.companyName },
  });
  return { userId: user.id, token: issued.token };
}

/**
 * An operator's invitation link: emailed when an administrator sends it, only returned for
 * admin:create to print (there may be no SMTP server yet).
 */
async function issueOperatorLink(
  tx: Tx,
  to: { id: string; email: string; locale: Language; timeZone: string },
  input: { role: Exclude<UserRole, "MERCHANT">; companyName: string; invitedBy: Inviter | null },
) {
  const issued = await issueToken(tx, { kind: "INVITATION", userId: to.id, createdById: input.invitedBy?.id ?? null });
  const inviter = input.invitedBy;
  if (inviter) {
    await sendLinkEmail(
      tx,
      to,
      "invitationOperator",
      (r) => ({
        inviterName: inviter.name,
        role: translator(r.locale)(`nav.roles.${input.role}`),
        companyName: input.companyName,
        link: tokenLink("INVITATION", issued.token),
        expiresAt: expiresText(TOKEN_VALID_HOURS.INVITATION, r),
      }),
      { kind: "operator.invited", linkTokenId: issued.id },
    );
  }
  return issued;
}

/**
 * A new link for an operator who has not accepted their invitation (it ran out, or the email got
 * lost): the earlier links stop working. Refused once the password is set, and while the account is
 * disabled. The person's row is locked first, as using a link locks it (accept.ts): an acceptance
 * at the same moment either finishes first, or finds its link withdrawn.
 */
export async function reinviteOperator(
  tx: Tx,
  userId: string,
  invitedBy: Inviter | null,
  platformName: string,
): Promise<{ token: string }> {
  await lockPerson(tx, userId);
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      role: true,
      passwordHash: true,
      disabledAt: true,
      locale: true,
      timeZone: true,
      partnerCompany: { select: { name: true } },
      issuerCompany: { select: { name: true } },
    },
  });
  if (!user || user.role === "MERCHANT") throw new UserError("operators.errors.notFound");
  if (user.passwordHash) throw new UserError("operators.errors.invitationAccepted");
  if (user.disabledAt) throw new UserError("operators.errors.invitationDisabled");
  await revokeOpenTokens(tx, userId, "INVITATION");
  const companyName = user.partnerCompany?.name ?? user.issuerCompany?.name ?? platformName;
  const issued = await issueOperatorLink(tx, user, { role: user.role, companyName, invitedBy });
  await record(tx, {
    actor: invitedBy ?? SYSTEM_ACTOR,
    action: "operator.reinvited",
    target: { type: "user", id: user.id },
    details: { email: user.email, role: user.role },
  });
  return { token: issued.token };
}
