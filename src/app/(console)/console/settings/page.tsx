import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { SmtpForm } from "@/components/client-services/smtp-form";
import { smtpView } from "@/server/smtp-settings/store";
import { consoleTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { AreaMessages } from "@/components/layout/area-messages";

export async function generateMetadata(): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return consoleTitle("admin.settings", [nav("settings")]);
}

export default async function SettingsPage() {
  await requireOperator("admin.settings");
  const t = await getTranslations("admin.settings");
  const ts = await getTranslations("console.smtp");
  const tn = await getTranslations("nav.console");
  const smtp = await smtpView({ kind: "system" });
  return (
    <AreaMessages area="systemSmtp">
      <section>
        <h1 data-testid="settings-title">{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        <h2>{t("systemSmtp")}</h2>
        <p className="muted">{t("systemSmtpIntro")}</p>
        <SmtpForm values={smtp} readOnly={false} systemLabel={ts("fromEnvironment")} />
        <ul className="tiles">
          <li>
            <Link href="/console/settings/operators">{tn("operators")}</Link>
          </li>
          <li>
            <Link href="/console/settings/companies">{tn("companies")}</Link>
          </li>
          <li>
            <Link href="/console/settings/outbox">{t("outbox")}</Link>
          </li>
          <li>
            <Link href="/console/settings/audit">{t("audit")}</Link>
          </li>
        </ul>
      </section>
    </AreaMessages>
  );
}
