import "server-only";
import type { Tx } from "@/server/db";

/**
 * A lock on a name, held until the transaction ends: for work that has no row of its own to lock
 * yet ("the account for this address", "this target's SMTP settings"), so that two at once queue.
 */
export async function lockName(tx: Tx, name: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
}

/**
 * The person's row, first: asking for a reset link, using a link (reset or invitation), changing
 * the password and an operator invitation taking over an unused account each take it before the
 * person's links, in this order, so that two of them at once wait rather than deadlock. Signing
 * out takes it too, as starting a support session does (after the shop's lock), so that a start
 * either sees the sign-in gone or its session ends with the sign-out.
 */
export async function lockPerson(tx: Tx, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${userId}::uuid FOR UPDATE`;
}
