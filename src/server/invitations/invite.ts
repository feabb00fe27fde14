import "server-only";
import type { MembershipRole, UserRole } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { UserError } from "@/server/user-error";
import { record, SYSTEM_ACTOR, type AuditActor, type AuditEventInput } from "@/server/audit/record";
import { formatInstant, notify, toRecipient, type Recipient } from "@/server/access/notify";
import type { TemplateName, TemplateValues } from "@/server/mail/templates";
import { issueToken, tokenLink } from "@/server/auth/tokens";
import { now } from "@/server/clock";
import { translator } from "@/i18n/translator";
import { addHours } from "date-fns";
import { TOKEN_VALID_HOURS } from "@/server/auth/tokens";
import { lockName, lockPerson } from "@/server/named-lock";

/** Who sends an invitation: the audit names them, the email says their name. */
export interface Inviter extends AuditActor {
  id: string;
  name: string;
}

type Language = "EN" | "DE";

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

const expiresText = (hours: number, r: Recipient) => formatInstant(addHours(now(), hours), r);

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
  await tx.authToken.updateMany({
    where: { userId, kind: "INVITATION", usedAt: null, revokedAt: null },
    data: { revokedAt: now() },
  });
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
