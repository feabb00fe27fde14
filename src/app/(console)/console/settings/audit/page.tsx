import type { Metadata } from "next";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/audit/audit-table";
import { AuditFilterForm } from "@/components/audit/audit-filters";
import { AreaMessages } from "@/components/layout/area-messages";
import { asLocale } from "@/i18n/config";
import { auditActionGroups, auditFiltersQuery, readAuditLogView } from "@/server/audit/filters";
import { listAuditEvents, shopNames } from "@/server/audit/queries";
import { settingsTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import type { SearchParams } from "@/lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return settingsTitle("audit.view-all", nav("audit"));
}

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  await requireOperator("audit.view-all");
  const t = await getTranslations("admin.audit");
  const tc = await getTranslations("common.audit");
  const locale = await getLocale();
  const timeZone = await getTimeZone();
  const view = readAuditLogView(await searchParams);
  const invalid = Object.keys(view.errors).length > 0;
  // filters not understood list nothing: a wider view would read as the one asked for
  const [{ events, next }, names] = await Promise.all([
    invalid ? { events: [], next: undefined } : listAuditEvents({ filters: view.filters, timeZone, after: view.after }),
    view.filters.shop ? shopNames([{ organizationId: view.filters.shop }]) : ({} as Record<string, string>),
  ]);
  const query = auditFiltersQuery(view.filters);
  const say = await getTranslations();
  const errors = Object.fromEntries(Object.entries(view.errors).map(([name, key]) => [name, say(key)]));
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <AreaMessages area="auditLog">
        <AuditFilterForm
          key={invalid ? `invalid ${auditFiltersQuery(view.typed)}` : query}
          typed={view.typed}
          errors={errors}
          groups={auditActionGroups(asLocale(locale))}
          shopName={view.filters.shop ? names[view.filters.shop] : undefined}
          timeZone={timeZone}
          found={events.length > 0}
        />
      </AreaMessages>
      {events.length > 0 && (
        <>
          <p>
            <a className="button" href={`/console/settings/audit/export?${query}`} download data-testid="export-csv">
              {t("exportCsv")}
            </a>
          </p>
          <AuditTable events={events} next={next} basePath="/console/settings/audit" query={query} showShop />
        </>
      )}
      {!invalid && Object.keys(view.typed).length === 0 && events.length === 0 && (
        <p className="muted" data-testid="audit-empty">
          {tc("empty")}
        </p>
      )}
    </section>
  );
}
