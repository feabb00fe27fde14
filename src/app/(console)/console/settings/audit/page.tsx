import { getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/audit/audit-table";
import { listAuditEvents, parseAuditCursor } from "@/server/audit/queries";
import { requireOperator } from "@/server/viewer";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  await requireOperator("audit.view-all");
  const t = await getTranslations("admin.audit");
  const { after } = await searchParams;
  const { events, next } = await listAuditEvents({ after: parseAuditCursor(after) });
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <AuditTable events={events} next={next} basePath="/console/settings/audit" showShop />
    </section>
  );
}
