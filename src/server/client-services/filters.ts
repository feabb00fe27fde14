import { z } from "zod";
import { isCleanText } from "@/lib/text";
import { firstParam } from "@/lib/search-params";
import { calendarDay } from "@/lib/calendar-day";

// The Client Services list's view lives in the URL (bookmarkable, shareable). Whatever the query
// string says is parsed here; anything malformed is dropped, never passed to a query.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const listFiltersSchema = z.object({
  status: optional(z.enum(["PENDING", "ACTIVE", "SUSPENDED", "CANCELLED"])),
  issuer: optional(z.uuid()),
  partner: optional(z.uuid()),
  lang: optional(z.enum(["EN", "DE"])),
  from: optional(calendarDay),
  to: optional(calendarDay),
  q: optional(
    z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((v) => isCleanText(v, false)),
  ),
  sort: z.enum(["created", "alias"]).catch("created"),
  dir: optional(z.enum(["asc", "desc"])),
  after: optional(z.string().max(200)),
  before: optional(z.string().max(200)),
});

export type ListFilters = z.infer<typeof listFiltersSchema>;

export function parseListFilters(params: Record<string, string | string[] | undefined>): ListFilters {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, firstParam(v)])
      .filter(([, v]) => v !== undefined && v !== ""),
  );
  return listFiltersSchema.parse(flat);
}

/** The filters as a query string, without the paging cursors (for links that start over). */
export function filtersQuery(filters: ListFilters, extra: Record<string, string | undefined> = {}): string {
  const entries = { ...filters, after: undefined, before: undefined, ...extra };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && v !== "") params.set(k, String(v));
  return params.toString();
}
