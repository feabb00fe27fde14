import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { sessionEndReasonOf } from "@/server/access/limits";
import { operatorCan } from "@/server/authz";
import { consoleTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { firstParam, type SearchParams } from "@/lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return consoleTitle("console.view", [nav("home")]);
}

export default async function ConsoleHome({ searchParams }: { searchParams: SearchParams }) {
  const operator = await requireOperator();
  const t = await getTranslations("console");
  const endedReason = sessionEndReasonOf(firstParam((await searchParams).ended));
  return (
    <section>
      <h1>{t("home.title", { name: operator.name })}</h1>
      {endedReason && (
        <div className="notice warning" data-testid="session-ended-notice">
          <strong>{t("home.sessionEnded")}</strong> {t(`home.endReasons.${endedReason}`)}
        </div>
      )}
      <p className="muted">{t("home.intro")}</p>
      <ul className="tiles">
        {operatorCan(operator.role, "client-services.view") && (
          <li>
            <Link href="/console/client-services">{t("home.clientServices")}</Link>
          </li>
        )}
        {operatorCan(operator.role, "remote-support.search") && (
          <li>
            <Link href="/console/support-hub/remote-support">{t("home.remoteSupport")}</Link>
          </li>
        )}
        {operatorCan(operator.role, "support-session.start") && (
          <li>
            <Link href="/console/service-access">{t("home.serviceAccess")}</Link>
          </li>
        )}
        {operatorCan(operator.role, "admin.settings") && (
          <li>
            <Link href="/console/settings">{t("home.settings")}</Link>
          </li>
        )}
      </ul>
    </section>
  );
}
