import "server-only";
import { randomUUID } from "node:crypto";
import type { OutboxStatus } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { record, type AuditActor } from "@/server/audit/record";
import { encryptSecret, secretContext } from "@/server/crypto/secrets";

export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  /** what caused it, e.g. "remote-support.requested"; shown to administrators */
  kind: string;
  organizationId?: string | null;
  /** carries a single-use link: stored encrypted, hidden from the outbox view, erased once sent */
  sensitive?: boolean;
}

/**
 * Puts an email in the outbox inside the caller's transaction: it exists exactly when the change
 * that caused it does, and sending (which may fail) never runs inside the user's action.
 */
export async function enqueueEmail(tx: Tx, msg: OutgoingEmail): Promise<void> {
  const to = [...new Set(msg.to.map((address) => address.trim()).filter(Boolean))];
  if (to.length === 0) return;
  const t = now();
  // chosen here rather than by the database: an encrypted text is bound to its row's id
  const id = randomUUID();
  await tx.emailOutbox.create({
    data: {
      id,
      toAddresses: to,
      subject: msg.subject,
      text: msg.sensitive ? encryptSecret(msg.text, secretContext.outbox(id)) : msg.text,
      sensitive: msg.sensitive ?? false,
      kind: msg.kind,
      organizationId: msg.organizationId ?? null,
      createdAt: t,
      nextAttemptAt: t,
    },
  });
}

// Failed, or waiting after a failure. A message a worker is sending right now has no lastError
// (the claim clears it), so it can never be requeued into a second send.
const retryable = {
  OR: [{ status: "FAILED" }, { status: "QUEUED", lastError: { not: null } }],
} satisfies Prisma.EmailOutboxWhereInput;

export function canRetry(msg: { status: OutboxStatus; lastError: string | null }): boolean {
  return msg.status === "FAILED" || (msg.status === "QUEUED" && msg.lastError !== null);
}

/** A message queued again as if it were new: no attempts, due now. */
const fromScratch = () => ({ status: "QUEUED", attempts: 0, nextAttemptAt: now(), lastError: null }) as const;

/**
 * Sends every failed message again from scratch (after an outage longer than the retries last,
 * all of them failed). One event records how many. Returns that number.
 */
export async function retryFailedEmails(actor: AuditActor): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.emailOutbox.updateMany({
      where: { status: "FAILED" },
      data: fromScratch(),
    });
    if (count > 0)
      await record(tx, {
        actor,
        action: "mail.retried-failed",
        target: { type: "outbox", id: "failed" },
        details: { count },
      });
    return count;
  });
}

/**
 * Sends a failed or waiting message again from scratch, as if it were new.
 * Returns false when there was nothing to retry.
 */
export async function retryEmail(id: string, actor: AuditActor): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.emailOutbox.updateMany({
      where: { id, ...retryable },
      data: fromScratch(),
    });
    if (count === 0) return false;
    const msg = await tx.emailOutbox.findUniqueOrThrow({ where: { id }, select: { kind: true, organizationId: true } });
    // not filed under the organization: it is platform operations, not something done in the shop
    await record(tx, {
      actor,
      action: "mail.retried",
      target: { type: "email", id },
      details: { kind: msg.kind, organizationId: msg.organizationId },
    });
    return true;
  });
}
