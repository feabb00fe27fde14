import "server-only";
import type { MembershipRole } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { UserError } from "@/server/user-error";
import { record, type AuditActor, type AuditEventInput } from "@/server/audit/record";
import { formatInstant, notify, toRecipient, type Recipient } from "@/server/access/notify";
import type { TemplateName, TemplateValues } from "@/server/mail/templates";
import { issueToken, tokenLink } from "@/server/auth/tokens";
import { now } from "@/server/clock";
import { translator } from "@/i18n/translator";
import { addHours } from "date-fns";
import { TOKEN_VALID_HOURS } from "@/server/auth/tokens";
import { lockName } from "@/server/named-lock";

/** Who sends an invitation: the audit names them, the email says their name. */
export interface Inviter extends AuditActor {
  id: string;
  name: string;
}

export type Language = "EN" | "DE";

/**
 * Emails a link (invitation or reset) through the outbox, encrypted until sent, and sent only while
 * the link works: `meta.linkTokenId` is the token it carries.
 */
export async function sendLinkEmail<T extends TemplateName>(
  tx: Tx,
  to: { email: string; locale: Language; timeZone: string },
  template: T,
  values: (recipient: Recipient) => TemplateValues<T>,
  meta: { kind: string; organizationId?: string | null; linkTokenId: string },
): Promise<void> {
  await notify(tx, [toRecipient(to)], template, values, meta);
}

/** When a link sent now stops working, in the recipient's words. */
export const expiresText = (hours: number, r: Recipient) => formatInstant(addHours(now(), hours), r);

/**
 * Invites a person into an organization with a membership role. A new address gets a merchant
 * account without a password (the link sets it); an existing merchant account gets the
 * membership when that person accepts after signing in. Earlier open invitations of the same
 * person to the same organization stop working.
 */
export async function inviteToOrganization(
  tx: Tx,
  input: {
    /** its time zone is a new account's until the person signs in with their own */
    organization: { id: string; name: string; timeZone: string };
    email: string;
    role: MembershipRole;
    language: Language;
    invitedBy: Inviter;
    supportSessionId?: string;
  },
): Promise<{ userId: string }> {
  const email = input.email.trim().toLowerCase();
  // Two invitations of one new address at once (two shops' owners, two new organizations): the
  // second waits here until the first has made the account, then finds it, rather than meeting
  // the unique index on User.email. The lock is the transaction's and ends with it.
  await lockName(tx, `user-email:${email}`);
  const existing = await tx.user.findUnique({
    where: { email },
    select: { id: true, role: true, disabledAt: true, locale: true, timeZone: true },
  });
  if (existing && existing.role !== "MERCHANT")
    throw new UserError("members.errors.operatorAccount", undefined, { email: "members.errors.operatorAccount" });
  if (existing?.disabledAt)
    throw new UserError("members.errors.disabledAccount", undefined, { email: "members.errors.disabledAccount" });
  if (existing) {
    const member = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: existing.id, organizationId: input.organization.id } },
      select: { id: true },
    });
    if (member)
      throw new UserError("members.errors.alreadyMember", undefined, { email: "members.errors.alreadyMember" });
  }
  const user =
    existing ??
    (await tx.user.create({
      data: {
        email,
        name: email.split("@")[0],
        role: "MERCHANT",
        passwordHash: null,
        locale: input.language,
        timeZone: input.organization.timeZone,
      },
      select: { id: true, role: true, disabledAt: true, locale: true, timeZone: true },
    }));
  // the one this replaces is withdrawn in the shop's history, by whoever sends the new one
  await withdrawOpenInvitations(
    tx,
    { userId: user.id, organizationId: input.organization.id },
    { actor: input.invitedBy },
  );
  const issued = await issueToken(tx, {
    kind: "INVITATION",
    userId: user.id,
    createdById: input.invitedBy.id,
    organization: { id: input.organization.id, role: input.role },
  });
  await sendLinkEmail(
    tx,
    { email, locale: user.locale, timeZone: user.timeZone },
    "invitationToShop",
    (r) => ({
      inviterName: input.invitedBy.name,
      shopName: input.organization.name,
      role: translator(r.locale)(`nav.membership.${input.role}`),
      link: tokenLink("INVITATION", issued.token),
      expiresAt: expiresText(TOKEN_VALID_HOURS.INVITATION, r),
    }),
    { kind: "member.invited", organizationId: input.organization.id, linkTokenId: issued.id },
  );
  // the shop's history, which all its members read, does not say whether the address already had
  // an account: that would tell any shop which addresses other shops of the platform have
  await record(tx, {
    actor: input.invitedBy,
    organizationId: input.organization.id,
    action: "member.invited",
    target: { type: "user", id: user.id },
    details: { email, role: input.role },
  });
  return { userId: user.id };
}

/**
 * Withdraws one open invitation into a shop (only one of `role`, when given): its link stops
 * working, and the shop's history records who withdrew it. Refused when it is no longer open.
 */
export async function withdrawInvitation(
  tx: Tx,
  invitation: { id: string; organizationId: string; role?: MembershipRole },
  by: Pick<AuditEventInput, "actor" | "supportSession">,
  /** the instant it is judged at: a caller that chose the invitations at one passes it on */
  t = now(),
): Promise<{ email: string }> {
  const open = {
    id: invitation.id,
    organizationId: invitation.organizationId,
    kind: "INVITATION",
    ...(invitation.role ? { membershipRole: invitation.role } : {}),
    usedAt: null,
    revokedAt: null,
    expiresAt: { gt: t },
  } as const;
  const found = await tx.authToken.findFirst({
    where: open,
    select: { userId: true, user: { select: { email: true } } },
  });
  if (!found || (await tx.authToken.updateMany({ where: open, data: { revokedAt: t } })).count === 0)
    throw new UserError("members.errors.invitationGone");
  await record(tx, {
    ...by,
    organizationId: invitation.organizationId,
    action: "invitation.revoked",
    target: { type: "user", id: found.userId },
    details: { email: found.user.email },
  });
  return { email: found.user.email };
}

/**
 * Withdraws every open shop invitation `which` picks (each through withdrawInvitation, recorded as
 * `by`): an owner who stops being one, an account an operator invitation takes over, a shop that
 * has its owner or moved to another partner. Chosen and withdrawn at one instant: one that ran out
 * in between would be "gone", and refuse the change it comes with.
 */
export async function withdrawOpenInvitations(
  tx: Tx,
  which: Prisma.AuthTokenWhereInput,
  by: Pick<AuditEventInput, "actor" | "supportSession">,
): Promise<void> {
  const t = now();
  const open = await tx.authToken.findMany({
    where: { ...which, kind: "INVITATION", usedAt: null, revokedAt: null, expiresAt: { gt: t } },
    select: { id: true, organizationId: true },
    orderBy: { createdAt: "asc" },
  });
  for (const { id, organizationId } of open)
    if (organizationId) await withdrawInvitation(tx, { id, organizationId }, by, t);
}

/** A signed-in person as the sender of an invitation. */
export const inviterOf = (user: { id: string; name: string; email: string }): Inviter => ({
  id: user.id,
  name: user.name,
  label: `${user.name} <${user.email}>`,
});
