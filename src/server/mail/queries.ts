import "server-only";
import type { OutboxStatus } from "@/generated/prisma/enums";
import { clampPage } from "@/lib/page-number";
import { prisma } from "@/server/db";
import { now } from "@/server/clock";
import { stillTrue } from "./outbox";

export const OUTBOX_PAGE_SIZE = 50;
export const OUTBOX_STATUSES = ["QUEUED", "SENT", "FAILED"] as const satisfies readonly OutboxStatus[];

export interface OutboxRow {
  id: string;
  createdAt: Date;
  kind: string;
  toAddresses: string[];
  subject: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
}

export interface OutboxPage {
  rows: OutboxRow[];
  page: number;
  pages: number;
  counts: Record<OutboxStatus, number>;
  /** the failed messages "Send all failed again" sends: not those no longer true (outbox.ts, stillTrue) */
  retryableFailed: number;
}

/** The administrators' outbox view: newest first, one status or all, with a count per status. */
export async function listOutbox({ status, page }: { status?: OutboxStatus; page: number }): Promise<OutboxPage> {
  const where = status ? { status } : {};
  const current = clampPage(page);
  const [rows, grouped, retryableFailed] = await Promise.all([
    prisma.emailOutbox.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (current - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: {
        id: true,
        createdAt: true,
        kind: true,
        toAddresses: true,
        subject: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        lastError: true,
        sentAt: true,
      },
    }),
    prisma.emailOutbox.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.emailOutbox.count({ where: { status: "FAILED", ...stillTrue(now()) } }),
  ]);
  const counts: Record<OutboxStatus, number> = { QUEUED: 0, SENT: 0, FAILED: 0 };
  for (const group of grouped) counts[group.status] = group._count._all;
  const total = status ? counts[status] : counts.QUEUED + counts.SENT + counts.FAILED;
  return {
    rows,
    page: current,
    pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
    counts,
    retryableFailed,
  };
}
