import "server-only";
import { addSeconds } from "date-fns";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { forgetKnownAddresses } from "./throttle";
import type { SessionEndReason } from "@/generated/prisma/enums";
import type { AuditActor } from "@/server/audit/record";
import { endSessions } from "@/server/access/end-sessions";

/** How long a sign-in lasts (the session cookie and its row end together). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * Server-side record of one signed-in browser. The session cookie carries its id; a cookie whose
 * row is revoked, expired or missing is nobody, on every instance, at the next request.
 */
export async function createAuthSession(userId: string): Promise<string> {
  const t = now();
  const row = await prisma.authSession.create({
    data: { userId, createdAt: t, expiresAt: addSeconds(t, SESSION_MAX_AGE_SECONDS) },
    select: { id: true },
  });
  return row.id;
}

/**
 * Whether a sign-in still holds, read in the caller's transaction: not signed out, revoked or past
 * its end. What starting a support session asks under the operator's row lock, which signing out
 * takes first too (lockPerson in named-lock.ts): a start either sees the sign-in gone or its
 * session ends with it.
 */
export async function signInHolds(tx: Tx, sessionId: string): Promise<boolean> {
  const row = await tx.authSession.findUnique({
    where: { id: sessionId },
    select: { revokedAt: true, expiresAt: true },
  });
  return !!row && !row.revokedAt && row.expiresAt > now();
}

/**
 * Signing out: this cookie stops working, the person's other browsers stay signed in. False when
 * the session had already ended.
 */
export async function revokeAuthSession(tx: Tx, sessionId: string): Promise<boolean> {
  const { count } = await tx.authSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: now() },
  });
  return count === 1;
}

/** Checks of the current password (Account >> Password) one sign-in gets; then it is signed out. */
export const PASSWORD_CHECKS_PER_SESSION = 5;

/**
 * Counts one check of the current password by this sign-in, for as long as it lasts; false once it
 * has had its PASSWORD_CHECKS_PER_SESSION. Whoever holds a stolen session cookie could otherwise
 * guess the password behind it at argon2's pace, and then change it. One statement, so that
 * parallel checks cannot outrun the count.
 */
export async function reservePasswordCheck(sessionId: string): Promise<boolean> {
  const { count } = await prisma.authSession.updateMany({
    where: { id: sessionId, passwordChecks: { lt: PASSWORD_CHECKS_PER_SESSION } },
    data: { passwordChecks: { increment: 1 } },
  });
  return count === 1;
}

/**
 * Signs a person out everywhere (password changed or reset, account disabled), in the caller's
 * transaction; the addresses they signed in from are forgotten too (a guesser's among them).
 */
export async function revokeAllAuthSessions(tx: Tx, userId: string): Promise<number> {
  const { count } = await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now() } });
  await forgetKnownAddresses(tx, userId);
  return count;
}

/**
 * Signed out everywhere and out of every back office: revokeAllAuthSessions, and the support
 * sessions the person is in end with `reason`, recorded. A new password and a disabled account
 * both do this; the merchant's Status page must not show someone inside who cannot act.
 */
export async function signOutEverywhere(
  tx: Tx,
  userId: string,
  reason: SessionEndReason,
  by: AuditActor,
): Promise<{ signIns: number; supportSessions: number }> {
  const signIns = await revokeAllAuthSessions(tx, userId);
  return { signIns, supportSessions: await endSessions(tx, { operatorId: userId }, reason, by) };
}

/** Housekeeping: rows of sessions that ended more than a day ago are of no further use. */
export async function pruneAuthSessions(): Promise<number> {
  const { count } = await prisma.authSession.deleteMany({
    where: { expiresAt: { lt: addSeconds(now(), -24 * 60 * 60) } },
  });
  return count;
}
