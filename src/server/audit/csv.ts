import "server-only";
import type { AuditEvent } from "@/generated/prisma/client";
import { listAuditEvents, type AuditCursor } from "./queries";

const BATCH = 1000;

function cell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  // quote everything, double inner quotes; a leading =,+,-,@ is neutralised against spreadsheet formulas
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * A shop's audit events as CSV, newest first, read in keyset batches so a long history streams
 * without being held in memory.
 */
export function auditCsvStream(
  organizationId: string,
  header: string[],
  row: (e: AuditEvent) => unknown[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: AuditCursor | undefined;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${header.map(cell).join(",")}\r\n`));
      }
      const { events } = await listAuditEvents({ organizationId, after, take: BATCH });
      if (events.length > 0)
        controller.enqueue(encoder.encode(events.map((e) => `${row(e).map(cell).join(",")}\r\n`).join("")));
      const last = events.at(-1);
      if (events.length < BATCH || !last) controller.close();
      else after = { at: last.at, id: last.id };
    },
  });
}
