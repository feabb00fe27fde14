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

/** The first supported language in an Accept-Language header, in the browser's order. */
export function fromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0].trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return undefined;
}
