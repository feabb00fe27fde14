import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/audit/audit-table";
import { listAuditEvents, parseAuditCursor } from "@/server/audit/queries";
import { settingsTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { firstParam, type SearchParams } from "@/lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return settingsTitle("audit.view-all", nav("audit"));
}

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  await requireOperator("audit.view-all");
  const t = await getTranslations("admin.audit");
  const after = firstParam((await searchParams).after);
  const { events, next } = await listAuditEvents({ after: parseAuditCursor(after) });
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <AuditTable events={events} next={next} basePath="/console/settings/audit" showShop />
    </section>
  );
}
