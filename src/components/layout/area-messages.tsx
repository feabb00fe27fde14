import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { asLocale } from "@/i18n/config";
import { clientMessages, type ClientArea } from "@/i18n/client-messages";

/** Gives the client components below the parts of the catalogue their area reads, and no more. */
export async function AreaMessages({ area, children }: { area: ClientArea; children: ReactNode }) {
  const locale = await getLocale();
  return <NextIntlClientProvider messages={clientMessages(asLocale(locale), area)}>{children}</NextIntlClientProvider>;
}
