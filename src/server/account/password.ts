import "server-only";
import { prisma } from "@/server/db";
import { now } from "@/server/clock";
import { UserError } from "@/server/user-error";
import { actorOf, record, SYSTEM_ACTOR } from "@/server/audit/record";
import { formatInstant } from "@/server/access/notify";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { endSessions } from "@/server/access/end-sessions";
import { reservePasswordCheck, revokeAuthSession, signOutEverywhere } from "@/server/auth/sessions";
import {
  consumeToken,
  findUsableToken,
  issueToken,
  revokeOpenTokens,
  tokenLink,
  TOKEN_VALID_HOURS,
} from "@/server/auth/tokens";
import { sendLinkEmail } from "@/server/invitations/invite";
import { lockPerson } from "@/server/named-lock";
import { addHours, addMinutes } from "date-fns";
import type { Viewer } from "@/server/viewer";

/** A person asks for another reset link at most this often (no mailbox flooding). */
const RESET_EMAIL_EVERY_MINUTES = 2;
/** Whoever asks, a person gets at most this many reset emails a day: the form cannot flood a mailbox. */
export const RESET_EMAILS_PER_DAY = 5;

/**
 * Account >> Password: the current password is required; the new one replaces it and every
 * session of this person ends, this browser's included. A sign-in that has checked the current
 * password too often (reservePasswordCheck) is signed out instead, recorded.
 */
export async function changePassword(
  viewer: Viewer,
  input: { current: string; next: string },
  sessionId?: string,
): Promise<void> {
  // a caller without a server-side session is a test's forged one (see Identity)
  if (sessionId && !(await reservePasswordCheck(sessionId))) {
    await prisma.$transaction(async (tx) => {
      // first, as signing out does: a support session starting meanwhile ends below
      await lockPerson(tx, viewer.id);
      // guesses on their way when it came find it over already: one sign-out, recorded once
      if (!(await revokeAuthSession(tx, sessionId))) return;
      await record(tx, {
        actor: actorOf(viewer),
        action: "auth.password-checks-exceeded",
        target: { type: "user", id: viewer.id },
        details: {},
      });
      // as signing out does: an operator leaves the back office they were in
      await endSessions(tx, { operatorId: viewer.id }, "SIGNED_OUT", actorOf(viewer));
    });
    throw new UserError("account.errors.tooManyChecks");
  }
  const user = await prisma.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.current))) {
    throw new UserError("errors.checkFields", undefined, { current: "account.errors.currentWrong" });
  }
  if (input.current === input.next)
    throw new UserError("errors.checkFields", undefined, { next: "account.errors.passwordUnchanged" });
  const passwordHash = await hashPassword(input.next);
  await prisma.$transaction(async (tx) => {
    await lockPerson(tx, viewer.id);
    // only over the password just checked: a reset link used meanwhile set the one that counts
    const { count } = await tx.user.updateMany({
      where: { id: viewer.id, passwordHash: user.passwordHash },
      data: { passwordHash },
    });
    if (count === 0) throw new UserError("errors.checkFields", undefined, { current: "account.errors.currentWrong" });
    // a reset link asked for before would otherwise set another password over this one
    await revokeOpenTokens(tx, viewer.id, "PASSWORD_RESET");
    const { signIns: ended } = await signOutEverywhere(tx, viewer.id, "SIGNED_OUT", actorOf(viewer));
    await record(tx, {
      actor: actorOf(viewer),
      action: "auth.password-changed",
      target: { type: "user", id: viewer.id },
      details: { endedSessions: ended },
    });
  });
}

/**
 * "Forgot password": emails a reset link valid for one hour when the address has an active
 * account; the new link withdraws any earlier one. The caller answers the same either way, and
 * before this runs (src/lib/background.ts), so nobody learns which addresses exist.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const user = await prisma.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, locale: true, timeZone: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return;
  await prisma.$transaction(async (tx) => {
    // requests for one person one after the other, so that two at once send one email
    await lockPerson(tx, user.id);
    const t = now();
    const [recent, today] = await Promise.all(
      [addMinutes(t, -RESET_EMAIL_EVERY_MINUTES), addHours(t, -24)].map((since) =>
        tx.authToken.count({ where: { userId: user.id, kind: "PASSWORD_RESET", createdAt: { gt: since } } }),
      ),
    );
    if (recent > 0 || today >= RESET_EMAILS_PER_DAY) return;
    await revokeOpenTokens(tx, user.id, "PASSWORD_RESET");
    const issued = await issueToken(tx, { kind: "PASSWORD_RESET", userId: user.id, createdById: null });
    await sendLinkEmail(
      tx,
      user,
      "passwordReset",
      (r) => ({
        link: tokenLink("PASSWORD_RESET", issued.token),
        expiresAt: formatInstant(addHours(t, TOKEN_VALID_HOURS.PASSWORD_RESET), r),
      }),
      { kind: "auth.reset-requested", linkTokenId: issued.id },
    );
    await record(tx, {
      actor: SYSTEM_ACTOR,
      action: "auth.reset-requested",
      target: { type: "user", id: user.id },
      details: { email: user.email },
    });
  });
}

/** Whether a reset link still works (for the page: a form, or "this link no longer works"). */
export async function resetLinkUsable(token: string): Promise<boolean> {
  return (await prisma.$transaction((tx) => findUsableToken(tx, token, "PASSWORD_RESET"))) !== null;
}

/** Sets the new password from a reset link, once; every session of the person ends. */
export async function resetPassword(token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    const row = await findUsableToken(tx, token, "PASSWORD_RESET");
    if (!row) throw new UserError("account.errors.linkInvalid");
    await lockPerson(tx, row.userId);
    if (!(await consumeToken(tx, row.id))) throw new UserError("account.errors.linkInvalid");
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    // the other reset links of the person stop working too
    await revokeOpenTokens(tx, row.userId, "PASSWORD_RESET");
    const { signIns: ended } = await signOutEverywhere(tx, row.userId, "SIGNED_OUT", actorOf(row.user));
    await record(tx, {
      actor: actorOf(row.user),
      action: "auth.password-reset",
      target: { type: "user", id: row.userId },
      details: { endedSessions: ended },
    });
  });
}
