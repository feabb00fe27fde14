import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/audit/audit-table";
import { canInShop, requireShopPage } from "@/server/access/shop-access";
import { listAuditEvents, parseAuditCursor } from "@/server/audit/queries";
import { shopTitle } from "@/server/page-title";
import { firstParam, type SearchParams } from "@/lib/search-params";

export async function generateMetadata({ params }: { params: Promise<{ shopId: string }> }): Promise<Metadata> {
  const nav = await getTranslations("nav.shop");
  return shopTitle((await params).shopId, [nav("supportActivity")], "support-activity.view");
}

export default async function SupportActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ shopId: string }>;
  searchParams: SearchParams;
}) {
  const { shopId } = await params;
  const access = await requireShopPage(shopId, "support-activity");
  if (!canInShop(access, "support-activity.view")) forbidden();
  const t = await getTranslations("shop.supportActivity");
  const tc = await getTranslations("common.audit");
  const { events, next } = await listAuditEvents({
    organizationId: access.organization.id,
    after: parseAuditCursor(firstParam((await searchParams).after)),
  });
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {canInShop(access, "support-activity.export") && (
        <p>
          <a className="button" href={`/shop/${shopId}/support-activity/export`} download data-testid="export-csv">
            {tc("exportCsv")}
          </a>
        </p>
      )}
      <AuditTable events={events} next={next} basePath={`/shop/${shopId}/support-activity`} />
    </section>
  );
}
