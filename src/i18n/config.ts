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

/** A locale next-intl gave as a string, as one of ours (the default for anything else). */
export const asLocale = (value: unknown): Locale => (isLocale(value) ? value : defaultLocale);

/** The first supported language in an Accept-Language header, in the browser's order. */
export function fromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0].trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return undefined;
}

/** A cookie's value from a request's Cookie header, decoded; undefined when absent or malformed. */
export function cookieFrom(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? "").split(";")) {
    const [key, ...value] = pair.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The language a request's pages are shown in, when it names one: the switcher's, else the browser's. */
export function requestLocale(
  cookieHeader: string | undefined,
  acceptLanguage: string | undefined,
): Locale | undefined {
  const chosen = cookieFrom(cookieHeader, localeCookie);
  return isLocale(chosen) ? chosen : fromAcceptLanguage(acceptLanguage);
}

/** A locale as the database stores a person's or a configuration's language. */
export function languageOf(locale: Locale): "EN" | "DE" {
  return locale === "de" ? "DE" : "EN";
}
