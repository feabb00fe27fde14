import "server-only";
import { addMinutes, isAfter } from "date-fns";
import { prisma } from "@/server/db";
import { now } from "@/server/clock";

// Failed sign-ins are counted per account and per address in the database, so every server
// instance sees the same counts. After LIMIT failures within WINDOW minutes the key is locked
// for LOCK minutes; a successful sign-in clears the account's count.
const WINDOW_MINUTES = 15;
const LOCK_MINUTES = 15;
const LIMITS = { account: 5, address: 20 } as const;

export type ThrottleKind = keyof typeof LIMITS;
export const throttleKey = (kind: ThrottleKind, value: string) => `${kind}:${value.toLowerCase()}`;

export async function isThrottled(keys: string[]): Promise<boolean> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: keys } } });
  const t = now();
  return rows.some((r) => r.lockedUntil !== null && isAfter(r.lockedUntil, t));
}

export async function recordFailure(kind: ThrottleKind, value: string): Promise<void> {
  const key = throttleKey(kind, value);
  const t = now();
  // one statement, so concurrent failures from several instances all count
  await prisma.$executeRaw`
    INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockedUntil")
    VALUES (${key}, 1, ${t}, NULL)
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."windowStart" < ${addMinutes(t, -WINDOW_MINUTES)} THEN 1
                        ELSE "SignInThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "SignInThrottle"."windowStart" < ${addMinutes(t, -WINDOW_MINUTES)} THEN ${t}
                           ELSE "SignInThrottle"."windowStart" END`;
  await prisma.signInThrottle.updateMany({
    where: { key, failures: { gte: LIMITS[kind] } },
    data: { lockedUntil: addMinutes(t, LOCK_MINUTES), failures: 0, windowStart: t },
  });
}

export async function clearFailures(kind: ThrottleKind, value: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: throttleKey(kind, value) } });
}
