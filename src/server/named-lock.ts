import "server-only";
import type { Tx } from "@/server/db";

/**
 * A lock on a name, held until the transaction ends: for work that has no row of its own to lock
 * yet ("the account for this address", "this target's SMTP settings"), so that two at once queue.
 */
export async function lockName(tx: Tx, name: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
}
