import "server-only";
import type { Language } from "@/generated/prisma/enums";
import { fromAcceptLanguage, isLocale, localeCookie, timeZoneCookie } from "@/i18n/config";
import { isTimeZone } from "@/lib/time-zones";

/** The language and time zone a person uses the product in, as their browser's request tells. */
export interface BrowserPreferences {
  locale?: Language;
  timeZone?: string;
}

type Headers = Record<string, string | string[] | undefined> | undefined;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * What the pages show this browser in: the switcher's language, else the browser's; the zone its
 * script reported (src/components/layout/time-zone-sync.tsx). Emails follow what a person last
 * signed in with, so that they read as the product does.
 */
export function browserPreferences(headers: Headers): BrowserPreferences {
  const cookies = first(headers?.cookie);
  const chosen = cookie(cookies, localeCookie);
  const locale = isLocale(chosen) ? chosen : fromAcceptLanguage(first(headers?.["accept-language"]));
  const zone = cookie(cookies, timeZoneCookie);
  return {
    ...(locale ? { locale: locale === "de" ? "DE" : "EN" } : {}),
    ...(zone && isTimeZone(zone) ? { timeZone: zone } : {}),
  };
}
