import "server-only";
import type { Tx } from "@/server/db";
import { UserError } from "@/server/user-error";
import type { Operator } from "@/server/viewer";

/**
 * Serializes every change that could leave the platform without an active administrator: each
 * such transaction locks all administrator rows, in one order, before it counts them. Every other
 * administrator's action (an invitation, a company, an account enabled again) locks them too, so
 * that an administrator demoted or disabled at that moment is seen so by assertStillAdministrator.
 */
async function lockAdministrators(tx: Tx): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "User" WHERE "role" = 'ADMINISTRATOR' ORDER BY "id" FOR UPDATE`;
}

/** Re-checked under the lock: an administrator disabled or demoted a moment ago acts no more. */
async function assertStillAdministrator(tx: Tx, admin: Operator): Promise<void> {
  const me = await tx.user.findUnique({ where: { id: admin.id }, select: { role: true, disabledAt: true } });
  if (!me || me.role !== "ADMINISTRATOR" || me.disabledAt) throw new UserError("errors.forbidden");
}

/** The first thing an administrator's transaction does: lockAdministrators, then assertStillAdministrator. */
export async function holdActingAdministrator(tx: Tx, admin: Operator): Promise<void> {
  await lockAdministrators(tx);
  await assertStillAdministrator(tx, admin);
}
