import "server-only";
import { randomUUID } from "node:crypto";
import type { OutboxStatus } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { prisma, type Tx } from "@/server/db";
import { now } from "@/server/clock";
import { record, type AuditActor } from "@/server/audit/record";
import { encryptSecret, secretContext } from "@/server/crypto/secrets";
import { usableAt } from "@/server/auth/tokens";

export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  /** what caused it, e.g. "remote-support.requested"; shown to administrators */
  kind: string;
  organizationId?: string | null;
  /**
   * the token of the single-use link it carries: the text is stored encrypted, hidden from the
   * outbox view and erased once sent, and it is sent only while the link works (linkWorks)
   */
  linkTokenId?: string;
  /**
   * the grant it tells of: a reminder is sent only while that grant is open and has not ended, the
   * email of a request (kind REQUEST_KIND) only while the request waits for an answer (reminderHolds)
   */
  remindsOfGrantId?: string;
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
  const sensitive = msg.linkTokenId !== undefined;
  await tx.emailOutbox.create({
    data: {
      id,
      toAddresses: to,
      subject: msg.subject,
      text: sensitive ? encryptSecret(msg.text, secretContext.outbox(id)) : msg.text,
      sensitive,
      linkTokenId: msg.linkTokenId ?? null,
      reminder: msg.remindsOfGrantId !== undefined,
      remindsOfGrantId: msg.remindsOfGrantId ?? null,
      kind: msg.kind,
      organizationId: msg.organizationId ?? null,
      createdAt: t,
      nextAttemptAt: t,
    },
  });
}

/**
 * The messages whose link, if they carry one, still works at `t`: the others are not sent, by the
 * worker nor by an administrator. A link's message that names no token (the token went with its
 * person or shop) is not sent either; those queued before messages named theirs were given theirs
 * by the migration that followed (outbox_link_token_backfill), and the worker gives one queued by
 * an instance not yet upgraded its own the same way before it judges it.
 */
export const linkWorks = (t: Date) =>
  ({ OR: [{ sensitive: false }, { linkToken: { is: usableAt(t) } }] }) satisfies Prisma.EmailOutboxWhereInput;

/** The kind of the email that asks the owners to answer a remote-support request. */
export const REQUEST_KIND = "remote-support.requested";

/**
 * The messages that tell of no grant, or of a grant still as they say: a reminder of an end still to
 * come (the grant open, its end not passed; closed, revoked, expired, or let go of when its end
 * moved, it is not), a request's email of a request still waiting for an answer (approved,
 * rejected, closed by a move or lapsed, it is not).
 */
export const reminderHolds = (t: Date) =>
  ({
    OR: [
      { reminder: false },
      { kind: REQUEST_KIND, remindsOfGrant: { is: { status: "REQUESTED", requestExpiresAt: { gt: t } } } },
      { kind: { not: REQUEST_KIND }, remindsOfGrant: { is: { status: "ACTIVE", endsAt: { gt: t } } } },
    ],
  }) satisfies Prisma.EmailOutboxWhereInput;

/** The messages still true at `t`: the only ones sent, by the worker or an administrator. */
export const stillTrue = (t: Date) =>
  ({ AND: [linkWorks(t), reminderHolds(t)] }) satisfies Prisma.EmailOutboxWhereInput;

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
 * all of them failed), but those whose link no longer works. One event records how many. Returns
 * that number, and how many failed messages are left.
 */
export async function retryFailedEmails(actor: AuditActor): Promise<{ count: number; left: number }> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.emailOutbox.updateMany({
      where: { status: "FAILED", ...stillTrue(now()) },
      data: fromScratch(),
    });
    if (count > 0)
      await record(tx, {
        actor,
        action: "mail.retried-failed",
        target: { type: "outbox", id: "failed" },
        details: { count },
      });
    return { count, left: await tx.emailOutbox.count({ where: { status: "FAILED" } }) };
  });
}

/**
 * Sends a failed or waiting message again from scratch, as if it were new. Says when there was
 * nothing to retry, when the link it carries no longer works, when what it reminds of no longer
 * holds, or when the request it tells of no longer waits.
 */
export async function retryEmail(
  id: string,
  actor: AuditActor,
): Promise<"retried" | "notRetryable" | "linkClosed" | "reminderObsolete" | "requestSettled"> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.emailOutbox.updateMany({
      where: { id, AND: [retryable, stillTrue(now())] },
      data: fromScratch(),
    });
    if (count === 0) {
      const left = await tx.emailOutbox.findFirst({
        where: { id, ...retryable },
        select: { reminder: true, kind: true },
      });
      if (!left) return "notRetryable";
      if (!left.reminder) return "linkClosed";
      return left.kind === REQUEST_KIND ? "requestSettled" : "reminderObsolete";
    }
    const msg = await tx.emailOutbox.findUniqueOrThrow({ where: { id }, select: { kind: true, organizationId: true } });
    // not filed under the organization: it is platform operations, not something done in the shop
    await record(tx, {
      actor,
      action: "mail.retried",
      target: { type: "email", id },
      details: { kind: msg.kind, organizationId: msg.organizationId },
    });
    return "retried";
  });
}
