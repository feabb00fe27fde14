import { TZDate } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, format, isWeekend, parseISO } from "date-fns";

// Service access runs "until" a date the merchant picks: to the end of that day in their time
// zone. Dates travel as "yyyy-MM-dd" strings; instants are computed here, on the server, in UTC.

export const MAX_ACCESS_DAYS = 30;
export const SUGGESTED_WORKING_DAYS = 3;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date it is now in the given time zone. */
export function localToday(now: Date, timeZone: string): string {
  return format(new TZDate(now, timeZone), "yyyy-MM-dd");
}

/** The date `count` working days (Monday to Friday) after `date`. */
export function addWorkingDays(date: string, count: number): string {
  let day = parseISO(date);
  let left = count;
  while (left > 0) {
    day = addDays(day, 1);
    if (!isWeekend(day)) left--;
  }
  return format(day, "yyyy-MM-dd");
}

/** What the form suggests: three working days from today, as the seed recommends. */
export function suggestedAccessUntil(now: Date, timeZone: string): string {
  return addWorkingDays(localToday(now, timeZone), SUGGESTED_WORKING_DAYS);
}

export function latestAccessUntil(now: Date, timeZone: string): string {
  return format(addDays(parseISO(localToday(now, timeZone)), MAX_ACCESS_DAYS), "yyyy-MM-dd");
}

/** Midnight at the start of `date`, in the time zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/** The instant access ends: midnight after `date`, in the time zone. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d + 1, 0, 0, 0, timeZone).getTime());
}

/**
 * The last day of access, the inverse of endOfLocalDay: access "until" a day ends at midnight
 * after it, and people name the day itself. An instant within that day; format it (or take its
 * `localToday`) in the shop's time zone.
 */
export function lastDayOfAccess(endsAt: Date): Date {
  return new Date(endsAt.getTime() - 1);
}

/**
 * How the audit names the end of service access: its last day in the shop's zone, as the owner
 * picked it and the Status page shows it (an instant would read as the midnight after it, moved
 * into each reader's zone), with the zone that makes it exact.
 */
export function accessUntilDetails(endsAt: Date, timeZone: string): { until: string; timeZone: string } {
  return { until: localToday(lastDayOfAccess(endsAt), timeZone), timeZone };
}

export type AccessUntilCheck =
  { ok: true; endsAt: Date } | { ok: false; error: "invalidDate" | "dateInPast" | "dateTooFar" };

/** Never in the past, at most 30 days ahead. */
export function checkAccessUntil(date: string, now: Date, timeZone: string): AccessUntilCheck {
  if (!ISO_DATE.test(date) || Number.isNaN(parseISO(date).getTime()) || format(parseISO(date), "yyyy-MM-dd") !== date) {
    return { ok: false, error: "invalidDate" };
  }
  const ahead = differenceInCalendarDays(parseISO(date), parseISO(localToday(now, timeZone)));
  if (ahead < 0) return { ok: false, error: "dateInPast" };
  if (ahead > MAX_ACCESS_DAYS) return { ok: false, error: "dateTooFar" };
  return { ok: true, endsAt: endOfLocalDay(date, timeZone) };
}
