import "server-only";
import { createTranslator } from "use-intl/core";
import type { AuditEvent } from "@/generated/prisma/client";
import type { Locale } from "@/i18n/config";
import { catalogs } from "@/i18n/messages";
import { listAuditEvents, shopNames, type AuditCursor, type AuditListOptions } from "./queries";
import type { AuditFilters } from "./filters";
import { describeAction, describeActor, describeDetails } from "./describe";
import { detailWords } from "./detail-words";

const BATCH = 1000;

function cell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  // quote everything, double inner quotes; a leading =,+,-,@ is neutralised against spreadsheet formulas
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * Audit events as CSV, newest first, read in keyset batches so a long history streams without
 * being held in memory; `rows` turns one batch into its lines (it may read what the batch names).
 */
function auditCsvStream(
  list: Omit<AuditListOptions, "after" | "take">,
  header: string[],
  rows: (events: AuditEvent[]) => Promise<unknown[][]>,
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
      const { events } = await listAuditEvents({ ...list, after, take: BATCH });
      if (events.length > 0)
        controller.enqueue(encoder.encode((await rows(events)).map((r) => `${r.map(cell).join(",")}\r\n`).join("")));
      const last = events.at(-1);
      if (events.length < BATCH || !last) controller.close();
      else after = { at: last.at, id: last.id };
    },
  });
}

/** The columns every audit file has, in the reader's language; `shop` adds the shop's (the whole log's). */
function auditColumns(locale: Locale, shop: boolean) {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: "common.audit" });
  const words = detailWords(locale);
  // the page shows times in the reader's zone; the file's are UTC, and its header says so
  const header = [t("atUtc"), t("actor"), t("onBehalf"), t("action"), ...(shop ? [t("shop"), t("shopId")] : [])];
  return {
    header: [...header, t("detailsHeading")],
    rows: async (events: AuditEvent[]) => {
      const names = shop ? await shopNames(events) : {};
      return events.map((e) => [
        e.at.toISOString(),
        describeActor(e.actorLabel, t),
        e.supportSessionId ? t("yes") : "",
        describeAction(e.action, t),
        ...(shop ? [e.organizationId ? (names[e.organizationId] ?? "") : "", e.organizationId] : []),
        // instants as in the first column, in UTC, and days as stored: unambiguous wherever the file is opened
        describeDetails(e.details, t, { instant: (d) => d.toISOString(), day: (d) => d }, words)
          .map(([k, v]) => `${k}: ${v}`)
          .join("; "),
      ]);
    },
  };
}

/** A shop's Support activity as CSV, in the reader's language: what the page shows, every row of it. */
export function supportActivityCsv(organizationId: string, locale: Locale): ReadableStream<Uint8Array> {
  const { header, rows } = auditColumns(locale, false);
  return auditCsvStream({ organizationId }, header, rows);
}

/** The administrators' audit log as CSV, narrowed as the page was (days in the viewer's zone). */
export function auditLogCsv(filters: AuditFilters, timeZone: string, locale: Locale): ReadableStream<Uint8Array> {
  const { header, rows } = auditColumns(locale, true);
  return auditCsvStream({ filters, timeZone }, header, rows);
}
