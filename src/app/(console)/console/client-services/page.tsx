import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTimeZone, getTranslations } from "next-intl/server";
import { getDateFormat } from "@/i18n/dates";
import { ServiceFilters, type CompanyOption } from "@/components/client-services/service-filters";
import { ServiceRows, type ServiceRowData } from "@/components/client-services/service-rows";
import { operatorCan } from "@/server/authz";
import { availableActions } from "@/server/lifecycle/transitions";
import { filtersQuery, parseListFilters } from "@/server/client-services/filters";
import { mayChangeService } from "@/server/client-services/access";
import { filterOptions, listClientServices } from "@/server/client-services/queries";
import { consoleTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { AreaMessages } from "@/components/layout/area-messages";
import { TableScroll } from "@/components/ui/table-scroll";
import type { SearchParams } from "@/lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return consoleTitle("client-services.view", [nav("clientServices")]);
}

export default async function ClientServicesPage({ searchParams }: { searchParams: SearchParams }) {
  const operator = await requireOperator("client-services.view");
  const t = await getTranslations("console.clientServices");
  const date = await getDateFormat();
  const filters = parseListFilters(await searchParams);
  const [{ rows, next, previous }, options] = await Promise.all([
    listClientServices(operator, filters, await getTimeZone()),
    filterOptions(operator),
  ]);
  const base = filtersQuery(filters);
  const sortLink = (sort: "created" | "alias") => {
    const dir =
      filters.sort === sort
        ? (filters.dir ?? (sort === "alias" ? "asc" : "desc")) === "asc"
          ? "desc"
          : "asc"
        : undefined;
    return `?${filtersQuery(filters, { sort, dir })}`;
  };
  return (
    <AreaMessages area="serviceList">
      <section>
        <h1>{t("title")}</h1>
        <ServiceFilters
          filters={filters}
          issuers={options.issuers.map((c): CompanyOption => [c.id, c.name])}
          partners={options.partners.map((c): CompanyOption => [c.id, c.name])}
        />
        {rows.length === 0 ? (
          <p className="muted" data-testid="no-services">
            {t("empty")}
          </p>
        ) : (
          <TableScroll label={t("title")}>
            <table className="table row-actions" data-testid="services-table">
              <thead>
                <tr>
                  <th>
                    <Link href={sortLink("alias")} data-testid="sort-alias">
                      {t("alias")}
                    </Link>
                  </th>
                  <th>{t("shop")}</th>
                  <th>{t("issuer")}</th>
                  <th>{t("partner")}</th>
                  <th>{t("language")}</th>
                  <th>{t("status")}</th>
                  <th>
                    <Link href={sortLink("created")} data-testid="sort-created">
                      {t("created")}
                    </Link>
                  </th>
                  <th>{t("actions")}</th>
                </tr>
              </thead>
              <ServiceRows
                rows={rows.map((s): ServiceRowData => [
                  s.id,
                  s.alias,
                  s.shopName,
                  s.issuerName,
                  s.partnerName,
                  s.configLanguage,
                  s.status,
                  date(s.createdAt, { dateStyle: "medium" }),
                  operatorCan(operator.role, "lifecycle.change") && mayChangeService(operator, s)
                    ? availableActions(s.status)
                    : [],
                ])}
              />
            </table>
          </TableScroll>
        )}
        <nav className="pager">
          {previous && (
            <Link className="button" href={`?${base}${base ? "&" : ""}before=${previous}`} data-testid="previous-page">
              {t("previous")}
            </Link>
          )}
          {next && (
            <Link className="button" href={`?${base}${base ? "&" : ""}after=${next}`} data-testid="next-page">
              {t("next")}
            </Link>
          )}
        </nav>
      </section>
    </AreaMessages>
  );
}
