import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { now } from "@/server/clock";

export interface AuditActor {
  id: string | null;
  /** copied into the row so history keeps the name after the user is gone */
  label: string;
}

export interface AuditEventInput {
  actor: AuditActor;
  /** the support session the actor was in: the event reads "operator X on behalf of shop Y" */
  supportSession?: { id: string; organizationId: string } | null;
  organizationId?: string | null;
  action: string;
  target?: { type: string; id: string };
  details?: Prisma.InputJsonObject;
}

/** A person as the audit log names them: "Name <email>", kept even after the account is gone. */
export function actorOf(user: { id: string; name: string; email: string }): AuditActor {
  return { id: user.id, label: `${user.name} <${user.email}>` };
}

/** The system itself, for events nobody clicked (expiry, the mail worker). */
export const SYSTEM_ACTOR: AuditActor = { id: null, label: "system" };

/**
 * Records one audit event inside the caller's transaction, so the event exists exactly when the
 * change it describes does. The table refuses UPDATE and DELETE (see the migration).
 */
export async function record(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      at: now(),
      actorId: event.actor.id,
      actorLabel: event.actor.label,
      supportSessionId: event.supportSession?.id ?? null,
      onBehalfOfOrgId: event.supportSession?.organizationId ?? null,
      organizationId: event.organizationId ?? event.supportSession?.organizationId ?? null,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      details: event.details ?? {},
    },
  });
}
