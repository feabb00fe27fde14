import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isTimeZone } from "@/lib/time-zones";
import { catalogs } from "./messages";
import { defaultLocale, fromAcceptLanguage, isLocale, localeCookie, timeZoneCookie, type Locale } from "./config";

// No locale in the URL: the language comes from the switcher's cookie, else the browser.
export default getRequestConfig(async () => {
  const jar = await cookies();
  const chosen = jar.get(localeCookie)?.value;
  const locale: Locale = isLocale(chosen)
    ? chosen
    : (fromAcceptLanguage((await headers()).get("accept-language")) ?? defaultLocale);
  const zone = jar.get(timeZoneCookie)?.value;
  const timeZone = zone && isTimeZone(zone) ? zone : "UTC";
  return {
    locale,
    timeZone,
    messages: catalogs[locale],
  };
});
