import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "./language-switcher";

/** The centered card of the pages outside the two faces: sign-in, links from emails, account. */
export async function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const t = await getTranslations("common");
  return (
    <main className="centered" id="content" tabIndex={-1}>
      <div className="card narrow">
        <div className="row between">
          <p className="brand">{t("appName")}</p>
          <LanguageSwitcher />
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
