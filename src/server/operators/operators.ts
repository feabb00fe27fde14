import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Language } from "@/generated/prisma/enums";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import type { MessageKey } from "@/i18n/keys";
import { UserError } from "@/server/user-error";
import { actorOf, record } from "@/server/audit/record";
import { revokeAllAuthSessions, signOutEverywhere } from "@/server/auth/sessions";
import { CAN_SIGN_IN } from "@/server/auth/can-sign-in";
import { revokeOpenTokens } from "@/server/auth/tokens";
import { endSessions } from "@/server/access/end-sessions";
import { inviterOf } from "@/server/invitations/invite";
import { inviteOperator, reinviteOperator } from "@/server/invitations/operator-invite";
import type { Operator } from "@/server/viewer";
import type { OperatorRole } from "@/lib/operators";
import { holdActingAdministrator } from "./acting-administrator";

const fieldError = (field: string, key: MessageKey) => new UserError(key, undefined, { [field]: key });

interface CompanyRef {
  partnerCompanyId: string | null;
  issuerCompanyId: string | null;
  name: string | null;
}

/** The company a role needs (a partner company for partners, an issuer company for issuers, none for administrators). */
async function companyFor(tx: Tx, role: OperatorRole, companyId: string | undefined): Promise<CompanyRef> {
  if (role === "ADMINISTRATOR") {
    if (companyId) throw fieldError("companyId", "operators.errors.companyNotForAdministrator");
    return { partnerCompanyId: null, issuerCompanyId: null, name: null };
  }
  if (!companyId) throw fieldError("companyId", `operators.errors.companyRequired.${role}`);
  const where = { where: { id: companyId }, select: { id: true, name: true } } as const;
  const company =
    role === "PARTNER" ? await tx.partnerCompany.findUnique(where) : await tx.issuerCompany.findUnique(where);
  if (!company) throw fieldError("companyId", `operators.errors.companyRequired.${role}`);
  return role === "PARTNER"
    ? { partnerCompanyId: company.id, issuerCompanyId: null, name: company.name }
    : { partnerCompanyId: null, issuerCompanyId: company.id, name: company.name };
}

/** Another administrator who can sign in: one invited who has not yet set a password does not count. */
async function assertAnotherActiveAdministrator(tx: Tx, userId: string): Promise<void> {
  const others = await tx.user.count({
    where: { role: "ADMINISTRATOR", ...CAN_SIGN_IN, id: { not: userId } },
  });
  if (others === 0) throw new UserError("operators.errors.lastAdministrator");
}

async function loadOperator(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      disabledAt: true,
      partnerCompanyId: true,
      issuerCompanyId: true,
      partnerCompany: { select: { name: true } },
      issuerCompany: { select: { name: true } },
    },
  });
  if (!user || user.role === "MERCHANT") throw new UserError("operators.errors.notFound");
  return { ...user, companyName: user.partnerCompany?.name ?? user.issuerCompany?.name ?? null };
}

export interface InviteInput {
  name: string;
  email: string;
  role: OperatorRole;
  companyId?: string;
  language: Language;
}

/** Creates the operator's account without a password and emails the link that sets one. */
export async function inviteOperatorBy(
  admin: Operator,
  input: InviteInput,
  platformName: string,
): Promise<{ userId: string }> {
  try {
    const { userId } = await prisma.$transaction(async (tx) => {
      // one demoted or disabled at this moment invites nobody, not even an administrator to come back as
      await holdActingAdministrator(tx, admin);
      const company = await companyFor(tx, input.role, input.companyId);
      return inviteOperator(tx, {
        email: input.email,
        name: input.name,
        role: input.role,
        partnerCompanyId: company.partnerCompanyId,
        issuerCompanyId: company.issuerCompanyId,
        companyName: company.name ?? platformName,
        language: input.language,
        invitedBy: inviterOf(admin),
      });
    });
    // never the token: this goes back to the browser
    return { userId };
  } catch (error) {
    // the same address invited twice at once: the unique index lets one through
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw fieldError("email", "operators.errors.emailTaken");
    throw error;
  }
}

/** Sends an operator who has not set a password yet a new invitation link; the earlier ones stop working. */
export async function resendInvitation(admin: Operator, userId: string, platformName: string): Promise<null> {
  await prisma.$transaction(async (tx) => {
    await holdActingAdministrator(tx, admin);
    // never the token: this goes back to the browser
    await reinviteOperator(tx, userId, inviterOf(admin), platformName);
  });
  return null;
}

/**
 * Moves an operator to another role or company. Their running support sessions end at once (they
 * may no longer act for that partner); a new role also signs them out everywhere.
 */
export async function updateOperator(
  admin: Operator,
  input: { userId: string; role: OperatorRole; companyId?: string },
): Promise<{ changed: boolean; endedSessions: number }> {
  return prisma.$transaction(async (tx) => {
    await holdActingAdministrator(tx, admin);
    const target = await loadOperator(tx, input.userId);
    const company = await companyFor(tx, input.role, input.companyId);
    const roleChanged = target.role !== input.role;
    const companyChanged =
      target.partnerCompanyId !== company.partnerCompanyId || target.issuerCompanyId !== company.issuerCompanyId;
    if (!roleChanged && !companyChanged) return { changed: false, endedSessions: 0 };
    if (roleChanged && target.role === "ADMINISTRATOR" && !target.disabledAt)
      await assertAnotherActiveAdministrator(tx, target.id);

    await tx.user.update({
      where: { id: target.id },
      data: { role: input.role, partnerCompanyId: company.partnerCompanyId, issuerCompanyId: company.issuerCompanyId },
    });
    if (roleChanged) await revokeAllAuthSessions(tx, target.id);
    const by = actorOf(admin);
    const endedSessions = await endSessions(tx, { operatorId: target.id }, "OPERATOR_CHANGED", by);
    await record(tx, {
      actor: by,
      action: "operator.updated",
      target: { type: "user", id: target.id },
      details: {
        email: target.email,
        role: input.role,
        previousRole: target.role,
        company: company.name,
        previousCompany: target.companyName,
        endedSessions,
      },
    });
    return { changed: true, endedSessions };
  });
}

/**
 * Disables an account: refused at its next request on every instance (its sign-ins are revoked),
 * its running support sessions end now. The last active administrator cannot be disabled.
 */
export async function disableOperator(admin: Operator, userId: string): Promise<{ endedSessions: number }> {
  return prisma.$transaction(async (tx) => {
    await holdActingAdministrator(tx, admin);
    const target = await loadOperator(tx, userId);
    if (target.disabledAt) throw new UserError("operators.errors.alreadyDisabled");
    if (target.role === "ADMINISTRATOR") await assertAnotherActiveAdministrator(tx, target.id);

    await tx.user.update({ where: { id: target.id }, data: { disabledAt: now() } });
    // a reset link would work again were the account enabled within its hour
    await revokeOpenTokens(tx, target.id, "PASSWORD_RESET");
    const by = actorOf(admin);
    const { supportSessions: endedSessions } = await signOutEverywhere(tx, target.id, "ACCOUNT_DISABLED", by);
    await record(tx, {
      actor: by,
      action: "operator.disabled",
      target: { type: "user", id: target.id },
      details: { email: target.email, endedSessions },
    });
    return { endedSessions };
  });
}

/** Lets a disabled operator sign in again (with the password or invitation link they had). */
export async function enableOperator(admin: Operator, userId: string): Promise<null> {
  return prisma.$transaction(async (tx) => {
    await holdActingAdministrator(tx, admin);
    const target = await loadOperator(tx, userId);
    const { count } = await tx.user.updateMany({
      where: { id: target.id, disabledAt: { not: null } },
      data: { disabledAt: null },
    });
    if (count === 0) throw new UserError("operators.errors.alreadyActive");
    await record(tx, {
      actor: actorOf(admin),
      action: "operator.enabled",
      target: { type: "user", id: target.id },
      details: { email: target.email },
    });
    return null;
  });
}
