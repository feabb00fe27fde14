import "server-only";
import { addMilliseconds } from "date-fns";
import { Prisma } from "@/generated/prisma/client";
import { decryptSecret, SecretError, secretContext } from "@/server/crypto/secrets";
import { prisma } from "@/server/db";
import { now } from "@/server/clock";
import { env } from "@/server/env";
import { DestinationRefusedError } from "./destination";
import { REQUEST_KIND, stillTrue } from "./outbox";
import {
  ABANDONED_ERROR,
  describeSmtpError,
  isConnectionFailure,
  LINK_CLOSED_ERROR,
  NO_SMTP_ERROR,
  openSmtpTransport,
  REMINDER_OBSOLETE_ERROR,
  REQUEST_SETTLED_ERROR,
  SMTP_PASSWORD_UNREADABLE_ERROR,
  systemSmtpConfig,
  type SmtpConfig,
  type TransportOptions,
} from "./transport";

export const MAX_ATTEMPTS = 8;
const BATCH_SIZE = 10;
// A crashed instance's messages are sent again once this is over, so it is short. A live one renews
// it for the rest of its batch before each message, and again while a message is being sent: each
// connection phase times out after 10 s (transport.ts), but a slow server answering every step
// just in time takes longer than the lease, and no second instance may pick the message up then.
export const LEASE_MS = 45_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;
// The server could not be reached: nothing is wrong with the message, so try again soon, and the
// first try after the server is back comes within half a minute. It gives up only after as long as
// the growing pauses would have taken.
export const CONNECTION_RETRY_MS = 20_000;
const OUTAGE_GIVE_UP_MS = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce(
  (a, b) => a + b,
  0,
);
const PARKED_RETRY_MS = 60_000;
// A server may keep each step alive with a line now and then, which no per-step timeout ends: a
// send that takes longer than this is given up (and tried again later), so the outbox goes on.
const SEND_LIMIT_MS = 2 * 60_000;
const INTERVAL_MS = 3_000;

export interface ProcessOptions extends TransportOptions {
  batchSize?: number;
  /** the longest one message's send may take; tests shorten it */
  sendLimitMs?: number;
}

export interface ProcessResult {
  sent: number;
  failed: number;
  /** messages left waiting because no usable SMTP server is configured */
  waiting: number;
}

interface Claimed {
  id: string;
  toAddresses: string[];
  subject: string;
  text: string;
  sensitive: boolean;
  reminder: boolean;
  kind: string;
  attempts: number;
  createdAt: Date;
}

function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_RETRY_MS);
}

/**
 * The same on every attempt: delivery is at least once (a crash between the server's "OK" and the
 * row's SENT sends it again), and mail clients show a repeated Message-ID as one message.
 */
export function messageIdFor(outboxId: string): string {
  const from = env().MAIL_FROM;
  const address = /<([^>]*)>/.exec(from)?.[1] ?? from;
  const host = address
    .slice(address.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();
  const valid = address.includes("@") && /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/.test(host);
  return `<outbox-${outboxId}@${valid ? host : "backoffice-access.local"}>`;
}

// One statement claims due messages: SKIP LOCKED lets every instance take a different set, and
// the lease (a future nextAttemptAt) keeps them out of the next run. Clearing lastError marks
// "being sent", which retryEmail relies on. The claim counts the attempt: a send that takes the
// worker down with it (or whose instance dies) never gets to count one, and would be claimed
// again after every lease, for ever. The returned attempts include this one.
// Messages due at the same instant (all of them after "Send all failed again") go in the order they
// were made in, so a revocation cannot overtake the approval it follows; the index on (status,
// nextAttemptAt, createdAt, id) serves that order (tests/database-rules/outbox.test.ts).
export function claimSql(t: Date, limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH due AS (
      SELECT "id", "nextAttemptAt" FROM "EmailOutbox"
      WHERE "status" = 'QUEUED' AND "nextAttemptAt" <= ${t}
        AND NOT ("attempts" >= ${MAX_ATTEMPTS} AND "lastError" IS NULL)
      ORDER BY "nextAttemptAt", "createdAt", "id"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "EmailOutbox" AS e
      SET "nextAttemptAt" = ${addMilliseconds(t, LEASE_MS)}, "lastError" = NULL, "attempts" = e."attempts" + 1
      FROM due WHERE e."id" = due."id"
      RETURNING e."id", e."toAddresses", e."subject", e."text", e."sensitive", e."reminder", e."kind",
        e."attempts", e."createdAt", due."nextAttemptAt" AS "dueAt"
    )
    SELECT "id", "toAddresses", "subject", "text", "sensitive", "reminder", "kind", "attempts", "createdAt"
    FROM claimed ORDER BY "dueAt", "createdAt", "id"`;
}

const claim = (t: Date, limit: number) => prisma.$queryRaw<Claimed[]>(claimSql(t, limit));

// A message whose lease ran out with no outcome recorded (still no lastError) was abandoned by the
// worker that claimed it; after the last attempt it is given up, like one that failed.
async function giveUpAbandoned(t: Date): Promise<number> {
  const { count } = await prisma.emailOutbox.updateMany({
    where: { status: "QUEUED", nextAttemptAt: { lte: t }, lastError: null, attempts: { gte: MAX_ATTEMPTS } },
    data: { status: "FAILED", lastError: ABANDONED_ERROR, nextAttemptAt: t },
  });
  return count;
}

// Every write of a run's outcome needs the lease it holds: a message whose lease ran out and that
// another instance took over has that instance's (later) lease, and is left to it. What this run
// did with it then goes unrecorded, as after a crash: at worst it is sent again, same Message-ID.
const leased = (lease: Date) => ({ status: "QUEUED", nextAttemptAt: lease }) as const;

// Extends the lease of the messages still to be sent, only where it is still this run's lease.
// Returns the new lease and the messages it holds.
async function renew(msgs: Claimed[], lease: Date): Promise<{ lease: Date; msgs: Claimed[] }> {
  const next = addMilliseconds(now(), LEASE_MS);
  const kept = await prisma.emailOutbox.updateManyAndReturn({
    where: { id: { in: msgs.map((msg) => msg.id) }, ...leased(lease) },
    data: { nextAttemptAt: next },
    select: { id: true },
  });
  const ids = new Set(kept.map((row) => row.id));
  return { lease: next, msgs: msgs.filter((msg) => ids.has(msg.id)) };
}

/**
 * Runs the send of one message while renewing its lease and that of the rest of its batch (`held`,
 * whose lease it moves on), so that a slow server cannot make them look abandoned: a second worker
 * would take the ones still waiting here, or give up those on their last attempt. A renewal that
 * fails leaves the lease to run out: at worst a message goes twice, as after a crash, with the same
 * Message-ID.
 */
async function holdingLease<T>(
  msg: Claimed,
  held: { lease: Date; msgs: Claimed[] },
  send: () => Promise<T>,
): Promise<T> {
  let renewing = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing
      .then(async () => {
        const next = await renew([msg, ...held.msgs], held.lease);
        if (next.msgs.length === 0) return;
        held.lease = next.lease;
        held.msgs = next.msgs.filter((other) => other.id !== msg.id);
      })
      .catch(() => undefined);
  }, LEASE_MS / 3);
  try {
    return await send();
  } finally {
    clearInterval(timer);
    await renewing;
  }
}

/**
 * The send, or a timeout once the limit passes. The connection is not ours to close (nodemailer
 * keeps it), so a server that still accepts the message afterwards delivers it twice, with the same
 * Message-ID.
 */
function withinLimit<T>(ms: number, send: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("Send timed out"), { code: "ETIMEDOUT" })), ms);
  });
  return Promise.race([send, limit]).finally(() => clearTimeout(timer));
}

async function markFailed(msg: Claimed, lease: Date, error: string): Promise<void> {
  const { attempts } = msg;
  const t = now();
  const unreachable = isConnectionFailure(error);
  const gaveUp =
    attempts >= MAX_ATTEMPTS && (!unreachable || t.getTime() - msg.createdAt.getTime() >= OUTAGE_GIVE_UP_MS);
  const delay = unreachable ? Math.min(retryDelayMs(attempts), CONNECTION_RETRY_MS) : retryDelayMs(attempts);
  await prisma.emailOutbox.updateMany({
    where: { id: msg.id, ...leased(lease) },
    data: {
      lastError: error,
      status: gaveUp ? "FAILED" : "QUEUED",
      nextAttemptAt: gaveUp ? t : addMilliseconds(t, delay),
    },
  });
}

/**
 * Gives up a message no longer true: its link no longer works (used, withdrawn, replaced by a
 * newer one, expired), the access it reminds of ends no more as it says (closed, revoked, ended,
 * given another end), or the request it asks the owners to answer no longer waits. Judged just before its send, as late as it can be, and its claim's attempt
 * given back, as it was not tried. Returns whether it did.
 */
async function giveUpUntrue(msg: Claimed, lease: Date): Promise<boolean> {
  if (!msg.sensitive && !msg.reminder) return false;
  // one an instance not yet upgraded queued, naming no token: the token it carries, as the
  // outbox_link_token_backfill migration found those of the emails waiting when it ran
  if (msg.sensitive)
    await prisma.$executeRaw`
      UPDATE "EmailOutbox" e SET "linkTokenId" = outbox_link_token_of(e)
      WHERE e."id" = ${msg.id}::uuid AND e."linkTokenId" IS NULL`;
  const t = now();
  if ((await prisma.emailOutbox.count({ where: { id: msg.id, ...stillTrue(t) } })) > 0) return false;
  await prisma.emailOutbox.updateMany({
    where: { id: msg.id, ...leased(lease) },
    data: {
      status: "FAILED",
      lastError: msg.sensitive
        ? LINK_CLOSED_ERROR
        : msg.kind === REQUEST_KIND
          ? REQUEST_SETTLED_ERROR
          : REMINDER_OBSOLETE_ERROR,
      nextAttemptAt: t,
      attempts: { decrement: 1 },
    },
  });
  return true;
}

async function markSent(msg: Claimed, lease: Date): Promise<void> {
  await prisma.emailOutbox.updateMany({
    where: { id: msg.id, ...leased(lease) },
    // a sent link is erased: the recipient has it, nobody else needs it
    data: { status: "SENT", sentAt: now(), lastError: null, ...(msg.sensitive ? { text: "" } : {}) },
  });
}

// With no server to send through, say so on the due messages (and on those just claimed, giving
// back the attempt their claim counted) and keep their attempts for a real server: nothing is
// wrong with the messages themselves.
async function park(reason: string, claimed?: { msgs: Claimed[]; lease: Date }): Promise<ProcessResult> {
  const t = now();
  const data = { lastError: reason, nextAttemptAt: addMilliseconds(t, PARKED_RETRY_MS) };
  const returned = !claimed
    ? 0
    : (
        await prisma.emailOutbox.updateMany({
          where: { id: { in: claimed.msgs.map((msg) => msg.id) }, ...leased(claimed.lease) },
          data: { ...data, attempts: { decrement: 1 } },
        })
      ).count;
  const { count } = await prisma.emailOutbox.updateMany({
    where: { status: "QUEUED", nextAttemptAt: { lte: t } },
    data,
  });
  return { sent: 0, failed: 0, waiting: returned + count };
}

/** Sends what is due once. Safe to run at the same time on several instances. */
export async function processOutboxOnce(options: ProcessOptions = {}): Promise<ProcessResult> {
  const abandoned = await giveUpAbandoned(now());
  const result: ProcessResult = { sent: 0, failed: abandoned, waiting: 0 };
  let config: SmtpConfig | null;
  try {
    config = await systemSmtpConfig();
  } catch (error) {
    if (error instanceof SecretError) return { ...(await park(SMTP_PASSWORD_UNREADABLE_ERROR)), failed: abandoned };
    throw error;
  }
  if (!config) return { ...(await park(NO_SMTP_ERROR)), failed: abandoned };
  const claimedAt = now();
  const claimed = await claim(claimedAt, options.batchSize ?? BATCH_SIZE);
  if (claimed.length === 0) return result;
  const lease = addMilliseconds(claimedAt, LEASE_MS);
  let transport: Awaited<ReturnType<typeof openSmtpTransport>>;
  try {
    transport = await openSmtpTransport(config, options);
  } catch (error) {
    // a server the platform does not connect to (destination.ts) is the settings' fault, not the messages'
    if (error instanceof DestinationRefusedError)
      return { ...(await park(describeSmtpError(error), { msgs: claimed, lease })), failed: abandoned };
    for (const msg of claimed) await markFailed(msg, lease, describeSmtpError(error));
    return { ...result, failed: abandoned + claimed.length };
  }
  let held = { lease, msgs: claimed };
  try {
    while (held.msgs.length > 0) {
      held = await renew(held.msgs, held.lease);
      const msg = held.msgs.shift();
      if (!msg) break;
      if (await giveUpUntrue(msg, held.lease)) {
        result.failed++;
        continue;
      }
      try {
        const text = msg.sensitive ? decryptSecret(msg.text, secretContext.outbox(msg.id)) : msg.text;
        await holdingLease(msg, held, () =>
          withinLimit(
            options.sendLimitMs ?? SEND_LIMIT_MS,
            transport.sendMail({
              from: config.fromAddress,
              to: msg.toAddresses,
              subject: msg.subject,
              text,
              messageId: messageIdFor(msg.id),
            }),
          ),
        );
      } catch (error) {
        await markFailed(msg, held.lease, describeSmtpError(error));
        result.failed++;
        continue;
      }
      await markSent(msg, held.lease);
      result.sent++;
    }
  } finally {
    transport.close();
  }
  return result;
}

const started = Symbol.for("backoffice-access.mail-worker");

/**
 * Runs the outbox every few seconds in this process, once per process (a second call does
 * nothing). Send failures are recorded on the messages; only unexpected failures (the database,
 * a broken key) are logged. Returns a function that stops it.
 */
export function startMailWorker(intervalMs = INTERVAL_MS): () => void {
  const g = globalThis as { [started]?: boolean };
  if (g[started]) return () => {};
  g[started] = true;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (delay: number) => {
    if (!stopped) timer = setTimeout(tick, delay).unref();
  };
  const tick = async () => {
    let busy = false;
    try {
      const { sent, failed } = await processOutboxOnce();
      busy = sent + failed >= BATCH_SIZE;
    } catch (error) {
      console.error("[mail] outbox run failed", error);
    }
    // a full batch suggests more is due: go on at once rather than after the pause
    schedule(busy ? 0 : intervalMs);
  };
  schedule(intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
    g[started] = false;
  };
}
