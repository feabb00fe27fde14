import "server-only";
import type { SessionEndReason } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { now } from "@/server/clock";
import { record, type AuditActor } from "@/server/audit/record";

/** Ends one running session and records who ended it, why, and whose session it was; false if it had already ended. */
export async function endOneSession(
  tx: Tx,
  session: { id: string; organizationId: string },
  by: AuditActor,
  reason: SessionEndReason,
): Promise<boolean> {
  const t = now();
  const { count } = await tx.supportSession.updateMany({
    where: { id: session.id, endedAt: null },
    data: { endedAt: t, endReason: reason, endedById: by.id },
  });
  if (count === 0) return false;
  const ended = await tx.supportSession.findUniqueOrThrow({
    where: { id: session.id },
    select: { operator: { select: { name: true, email: true } } },
  });
  await record(tx, {
    actor: by,
    organizationId: session.organizationId,
    action: "session.ended",
    target: { type: "session", id: session.id },
    details: { reason, operator: `${ended.operator.name} <${ended.operator.email}>` },
  });
  return true;
}

/**
 * Ends every running session that matches (a grant's, a shop's service-access sessions, an
 * operator's) inside the caller's transaction, each recorded by name with the reason.
 */
export async function endSessions(
  tx: Tx,
  where: Prisma.SupportSessionWhereInput,
  reason: SessionEndReason,
  by: AuditActor,
): Promise<number> {
  const running = await tx.supportSession.findMany({
    where: { ...where, endedAt: null },
    select: { id: true, organizationId: true },
    orderBy: { startedAt: "asc" },
  });
  let ended = 0;
  for (const session of running) if (await endOneSession(tx, session, by, reason)) ended++;
  return ended;
}
