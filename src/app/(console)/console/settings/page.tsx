import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireOperator } from "@/server/viewer";

export default async function SettingsPage() {
  await requireOperator("admin.settings");
  const t = await getTranslations("admin.settings");
  return (
    <section>
      <h1 data-testid="settings-title">{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <div className="notice" data-testid="coming-soon">
        <p>{t("generalConfigurationsSoon")}</p>
      </div>
      <ul className="tiles">
        <li><Link href="/console/settings/outbox">{t("outbox")}</Link></li>
        <li><Link href="/console/settings/audit">{t("audit")}</Link></li>
      </ul>
    </section>
  );
}
