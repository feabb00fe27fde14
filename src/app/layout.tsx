import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { AreaMessages } from "@/components/layout/area-messages";
import { TimeZoneSync } from "@/components/layout/time-zone-sync";
import { rootTitle } from "@/server/page-title";
import "./globals.css";

export function generateMetadata(): Promise<Metadata> {
  return rootTitle();
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  return (
    <html lang={locale}>
      <body>
        {/* the first stop of the Tab key on every page */}
        <a className="skip-link" href="#content">
          {t("skipToContent")}
        </a>
        <AreaMessages area="base">
          <TimeZoneSync />
          {children}
        </AreaMessages>
      </body>
    </html>
  );
}
