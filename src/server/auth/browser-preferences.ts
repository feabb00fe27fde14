import "server-only";
import type { Language } from "@/generated/prisma/enums";
import { cookieFrom, languageOf, requestLocale, timeZoneCookie } from "@/i18n/config";
import { isTimeZone } from "@/lib/time-zones";
import { firstParam } from "@/lib/search-params";

/** The language and time zone a person uses the product in, as their browser's request tells. */
export interface BrowserPreferences {
  locale?: Language;
  timeZone?: string;
}

type Headers = Record<string, string | string[] | undefined> | undefined;

/**
 * What the pages show this browser in: the switcher's language, else the browser's; the zone its
 * script reported (src/components/layout/time-zone-sync.tsx). Emails follow what a person last
 * signed in with, so that they read as the product does.
 */
export function browserPreferences(headers: Headers): BrowserPreferences {
  const cookies = firstParam(headers?.cookie);
  const locale = requestLocale(cookies, firstParam(headers?.["accept-language"]));
  const zone = cookieFrom(cookies, timeZoneCookie);
  return {
    ...(locale ? { locale: languageOf(locale) } : {}),
    ...(zone && isTimeZone(zone) ? { timeZone: zone } : {}),
  };
}
