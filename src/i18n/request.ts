import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { catalogs } from "./messages";
import { defaultLocale, fromAcceptLanguage, isLocale, localeCookie, timeZoneCookie, type Locale } from "./config";

function validTimeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

// No locale in the URL: the language comes from the switcher's cookie, else the browser.
export default getRequestConfig(async () => {
  const jar = await cookies();
  const chosen = jar.get(localeCookie)?.value;
  const locale: Locale = isLocale(chosen)
    ? chosen
    : (fromAcceptLanguage((await headers()).get("accept-language")) ?? defaultLocale);
  const timeZone = validTimeZone(jar.get(timeZoneCookie)?.value) ?? "UTC";
  return {
    locale,
    timeZone,
    messages: catalogs[locale],
  };
});
