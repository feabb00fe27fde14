import "server-only";
import { addDays, addMinutes, addSeconds } from "date-fns";
import { Prisma } from "@/generated/prisma/client";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";

/**
 * Every number of the sign-in throttle. Attempts are counted per key in windows that open with a
 * key's first attempt. One account from one address (pair) and one address across accounts are
 * limited hard: they only ever shut out the place the guesses come from. One account from
 * anywhere only slows down: past `freeFailures` each attempt waits a delay that doubles per
 * failure, up to `maxDelaySeconds`. A stranger guessing from ever new addresses could keep that
 * delay armed for good, so it does not hold back an address the person signed in from with their
 * password in the last `knownAddressDays` (only the pair's hard limit does there).
 */
export const SIGN_IN_THROTTLE = {
  windowMinutes: 15,
  pairLimit: 5,
  addressLimit: 30,
  account: { freeFailures: 5, firstDelaySeconds: 1, maxDelaySeconds: 30 },
  knownAddressDays: 30,
} as const;

export type ThrottleKind = "pair" | "address" | "account";

export type Reservation = { ok: true } | { ok: false; kind: ThrottleKind; firstRefusal: boolean };

/** How long the next attempt on an account waits after its `failures`-th failure in the window. */
export function accountDelaySeconds(failures: number): number {
  const { freeFailures, firstDelaySeconds, maxDelaySeconds } = SIGN_IN_THROTTLE.account;
  if (failures < freeFailures) return 0;
  return Math.min(firstDelaySeconds * 2 ** (failures - freeFailures), maxDelaySeconds);
}

function keysOf(email: string, address: string) {
  return { pair: `pair:${email}|${address}`, address: `address:${address}`, account: `account:${email}` };
}

class Refused extends Error {
  constructor(
    readonly kind: ThrottleKind,
    readonly key: string,
  ) {
    super(kind);
  }
}

/**
 * Counts one attempt on the key unless the key refuses it, in one statement, so that parallel
 * attempts on every instance queue on the row and exactly the allowed number get through.
 * Returns the key's count including this attempt, or null when refused.
 */
async function reserve(tx: Tx, key: string, t: Date, limit: number | null): Promise<number | null> {
  const windowOver = Prisma.sql`(s."windowStart" <= ${addMinutes(t, -SIGN_IN_THROTTLE.windowMinutes)}
    AND (s."nextAttemptAt" IS NULL OR s."nextAttemptAt" <= ${t}))`;
  const rows = await tx.$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInThrottle" AS s ("key", "failures", "windowStart") VALUES (${key}, 1, ${t})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN ${windowOver} THEN 1 ELSE s."failures" + 1 END,
      "windowStart" = CASE WHEN ${windowOver} THEN ${t} ELSE s."windowStart" END,
      "nextAttemptAt" = CASE WHEN ${windowOver} THEN NULL ELSE s."nextAttemptAt" END,
      "trippedAt" = CASE WHEN ${windowOver} THEN NULL ELSE s."trippedAt" END
    WHERE ${windowOver}
       OR ((${limit}::int IS NULL OR s."failures" < ${limit}::int) AND (s."nextAttemptAt" IS NULL OR s."nextAttemptAt" <= ${t}))
    RETURNING "failures"`;
  return rows[0]?.failures ?? null;
}

/** Whether the person of this email signed in from this address lately (the delay does not apply there). */
async function knownAddress(tx: Tx, email: string, address: string, t: Date): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "KnownSignInAddress" k JOIN "User" u ON u."id" = k."userId"
    WHERE u."email" = ${email} AND k."address" = ${address}
      AND k."lastSignedInAt" > ${addDays(t, -SIGN_IN_THROTTLE.knownAddressDays)}`;
  return rows.length > 0;
}

/**
 * Reserves one attempt for this account from this address before its password is evaluated;
 * it counts as a failure until `attemptSucceeded`. A refused attempt changes no count, so waiting
 * out a delay is never extended by being refused.
 */
export async function reserveAttempt(email: string, address: string): Promise<Reservation> {
  const t = now();
  const keys = keysOf(email, address);
  try {
    await prisma.$transaction(
      async (tx) => {
        // always in this order, so that two attempts never wait for each other's rows crosswise
        if ((await reserve(tx, keys.pair, t, SIGN_IN_THROTTLE.pairLimit)) === null)
          throw new Refused("pair", keys.pair);
        if ((await reserve(tx, keys.address, t, SIGN_IN_THROTTLE.addressLimit)) === null)
          throw new Refused("address", keys.address);
        if (await knownAddress(tx, email, address, t)) return;
        const failures = await reserve(tx, keys.account, t, null);
        if (failures === null) throw new Refused("account", keys.account);
        const delay = accountDelaySeconds(failures);
        if (delay > 0)
          await tx.signInThrottle.update({
            where: { key: keys.account },
            data: { nextAttemptAt: addSeconds(t, delay) },
          });
      },
      // a burst of attempts queues on the same rows; each holds them for a few statements only
      { maxWait: 10_000, timeout: 10_000 },
    );
    return { ok: true };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const { count } = await prisma.signInThrottle.updateMany({
      where: { key: error.key, trippedAt: null },
      data: { trippedAt: t },
    });
    return { ok: false, kind: error.kind, firstRefusal: count === 1 };
  }
}

/**
 * The reserved attempt was no failure: the pair and the account start over, the address keeps its
 * other failures, and the person's address is known from now on.
 */
export async function attemptSucceeded(email: string, address: string, userId: string): Promise<void> {
  const keys = keysOf(email, address);
  const t = now();
  await prisma.$transaction([
    prisma.signInThrottle.deleteMany({ where: { key: { in: [keys.pair, keys.account] } } }),
    prisma.signInThrottle.updateMany({
      where: { key: keys.address, failures: { gt: 0 } },
      data: { failures: { decrement: 1 } },
    }),
    prisma.knownSignInAddress.upsert({
      where: { userId_address: { userId, address } },
      create: { userId, address, lastSignedInAt: t },
      update: { lastSignedInAt: t },
    }),
  ]);
}

/** Signed out everywhere (a new password, a disabled account): no address of the person is known any more. */
export async function forgetKnownAddresses(tx: Tx, userId: string): Promise<void> {
  await tx.knownSignInAddress.deleteMany({ where: { userId } });
}

/** Housekeeping: counters whose window ended a day ago, and addresses no longer known, hold nothing any rule reads. */
export async function pruneSignInThrottle(): Promise<number> {
  const t = now();
  const [counters, addresses] = await prisma.$transaction([
    prisma.signInThrottle.deleteMany({ where: { windowStart: { lt: addMinutes(t, -24 * 60) } } }),
    prisma.knownSignInAddress.deleteMany({
      where: { lastSignedInAt: { lt: addDays(t, -SIGN_IN_THROTTLE.knownAddressDays) } },
    }),
  ]);
  return counters.count + addresses.count;
}
