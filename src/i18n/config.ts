export const locales = ["en", "de"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
/** the cookie the language switcher sets */
export const localeCookie = "locale";
/** the cookie the browser sets with its IANA time zone, so dates show in the viewer's zone */
export const timeZoneCookie = "tz";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}
