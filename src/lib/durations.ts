import { keptFormats } from "./kept-formats";

/** The durations an operator may ask for and an owner may grant: from one hour to seven days. */
export const DURATION_CHOICES = [60, 120, 240, 480, 1440, 2880, 4320, 10080] as const;
export type DurationMinutes = (typeof DURATION_CHOICES)[number];

export function isDurationChoice(minutes: number): minutes is DurationMinutes {
  return (DURATION_CHOICES as readonly number[]).includes(minutes);
}

/**
 * Number formats by locale and unit: a page of search results draws a duration menu with every
 * choice on each of its 20 rows. Locales come from the two catalogues and the recipients' languages.
 */
const numberFormat = keptFormats<Intl.NumberFormat>(16);

/** "4 hours", "2 days" (or German) without a message catalogue, for emails and labels. */
export function formatDuration(minutes: number, locale: string): string {
  const [value, unit] = minutes % 1440 === 0 ? [minutes / 1440, "day"] : [minutes / 60, "hour"];
  const format = numberFormat(
    `${locale} ${unit}`,
    () => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }),
  );
  return format.format(value);
}

/** How long a request may wait for an answer before it lapses by itself. */
export const REQUEST_LAPSES_AFTER_HOURS = 48;
