import "server-only";
import { z } from "zod";
import type { Locale } from "@/i18n/config";
import { catalogs } from "@/i18n/messages";
import { translator } from "@/i18n/translator";
import { messageKey, type MessageKey } from "@/i18n/keys";
import { UUID } from "@/lib/ids";
import { firstParam } from "@/lib/search-params";
import { isCleanText } from "@/lib/text";
import { parseAuditCursor, type AuditCursor } from "./queries";
import { calendarDay } from "@/lib/calendar-day";

// The administrators' audit log is narrowed in the URL (bookmarkable, shareable). This is the one
// reader of that query string: each value is read on its own, and one that is not understood is
// said at its field and filters nothing (the page then lists nothing rather than a wider view).

/** Every action that reads as words: the ones the code records (tests/audit-labels.test.ts). */
export const AUDIT_ACTIONS: readonly string[] = Object.entries(catalogs.en.common.audit.actions).flatMap(
  ([area, actions]) => Object.keys(actions).map((action) => `${area}.${action}`),
);
const ACTIONS = new Set(AUDIT_ACTIONS);

// a year before 1000 would be read as another (years 0 to 99 as 1900 to 1999)
const realDate = calendarDay.refine((d) => d >= "1000");

const readers = {
  action: z.string().refine((a) => ACTIONS.has(a)),
  // any UUID PostgreSQL takes, as the shops' ids are read elsewhere
  shop: z
    .string()
    .regex(UUID)
    .transform((id) => id.toLowerCase()),
  // as the log names people: the address alone, whatever its case
  actor: z
    .string()
    .max(254)
    .refine((v) => isCleanText(v, false))
    .pipe(z.email())
    .transform((v) => v.toLowerCase()),
  from: realDate,
  to: realDate,
};

export type AuditFilterName = keyof typeof readers;
export const AUDIT_FILTER_NAMES = Object.keys(readers) as AuditFilterName[];
export type AuditFilters = Partial<Record<AuditFilterName, string>>;

const ERRORS: Record<AuditFilterName, MessageKey> = {
  action: messageKey("admin.audit.filters.errors.action"),
  shop: messageKey("admin.audit.filters.errors.shop"),
  actor: messageKey("admin.audit.filters.errors.actor"),
  from: messageKey("admin.audit.filters.errors.date"),
  to: messageKey("admin.audit.filters.errors.date"),
};

export interface AuditLogView {
  /** the filters understood; none of them when `errors` has any */
  filters: AuditFilters;
  /** what the query string said, for the form to show again as typed */
  typed: AuditFilters;
  errors: Partial<Record<AuditFilterName, MessageKey>>;
  after?: AuditCursor;
}

export function readAuditLogView(params: Record<string, string | string[] | undefined>): AuditLogView {
  const filters: AuditFilters = {};
  const typed: AuditFilters = {};
  const errors: AuditLogView["errors"] = {};
  for (const name of AUDIT_FILTER_NAMES) {
    const value = firstParam(params[name])?.trim().slice(0, 300);
    if (!value) continue;
    typed[name] = value;
    const read = readers[name].safeParse(value);
    if (read.success) filters[name] = read.data;
    else errors[name] = ERRORS[name];
  }
  if (filters.from && filters.to && filters.from > filters.to)
    errors.to = messageKey("admin.audit.filters.errors.reversed");
  const valid = Object.keys(errors).length === 0;
  return {
    filters: valid ? filters : {},
    typed,
    errors,
    after: valid ? parseAuditCursor(firstParam(params.after)) : undefined,
  };
}

/** The filters as a query string, for links that keep them (the next page, the export). */
export function auditFiltersQuery(filters: AuditFilters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) params.set(k, v);
  return params.toString();
}

/**
 * The event menu in the reader's language: each area's actions under the area's name, areas and
 * actions in the language's alphabetical order ([label, [[action, label], ...]] per area).
 */
export function auditActionGroups(locale: Locale): [string, [string, string][]][] {
  const t = translator(locale);
  const order = new Intl.Collator(locale);
  const areas = Object.keys(catalogs.en.common.audit.actions) as (keyof typeof catalogs.en.common.audit.actions)[];
  return areas
    .map((area): [string, [string, string][]] => [
      t(`admin.audit.filters.groups.${area}`),
      AUDIT_ACTIONS.filter((a) => a.startsWith(`${area}.`))
        .map((a): [string, string] => [a, t(`common.audit.actions.${a}` as MessageKey)])
        .sort((x, y) => order.compare(x[1], y[1])),
    ])
    .sort((x, y) => order.compare(x[0], y[0]));
}
