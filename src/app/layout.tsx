import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { AreaMessages } from "@/components/layout/area-messages";
import { TimeZoneSync } from "@/components/layout/time-zone-sync";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("appName") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  return (
    <html lang={locale}>
      <body>
        {/* the first stop of the Tab key on every page */}
        <a className="skip-link" href="#content">{t("skipToContent")}</a>
        <AreaMessages area="base">
          <TimeZoneSync />
          {children}
        </AreaMessages>
      </body>
    </html>
  );
}
