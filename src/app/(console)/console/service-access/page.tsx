import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { getDateFormat } from "@/i18n/dates";
import { OpenBackOfficeForm } from "@/components/access/open-back-office-form";
import { lastDayOfAccess } from "@/server/access/calendar";
import { openServiceAccessShops } from "@/server/access/queries";
import { consoleTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { AreaMessages } from "@/components/layout/area-messages";
import { TableScroll } from "@/components/ui/table-scroll";
import { firstParam, type SearchParams } from "@/lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return consoleTitle("support-session.start", [nav("serviceAccess")]);
}

export default async function ServiceAccessPage({ searchParams }: { searchParams: SearchParams }) {
  const operator = await requireOperator("support-session.start");
  const t = await getTranslations("console.serviceAccess");
  const ts = await getTranslations("shop.serviceAccess");
  const date = await getDateFormat();
  const page = Math.max(1, Number.parseInt(firstParam((await searchParams).page) ?? "1", 10) || 1);
  const { grants, pages, total } = await openServiceAccessShops(operator, page);
  return (
    <AreaMessages area="enterShop">
      <section>
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro", { count: total })}</p>
        {grants.length === 0 ? (
          <p className="muted" data-testid="no-open-access">
            {t("empty")}
          </p>
        ) : (
          <TableScroll label={t("title")}>
            <table className="table" data-testid="service-access-table">
              <thead>
                <tr>
                  <th>{t("shop")}</th>
                  <th>{t("provider")}</th>
                  <th>{t("openUntil")}</th>
                  <th>{t("scope")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {grants.map((g) => (
                  <tr key={g.id} data-testid={`access-row-${g.organization.customerReference}`}>
                    <td>
                      {g.organization.name}
                      <br />
                      <span className="muted mono">{g.organization.customerReference}</span>
                    </td>
                    <td>{g.organization.partnerCompany.name}</td>
                    <td>
                      {g.endsAt &&
                        t("endOfDay", {
                          date: date(lastDayOfAccess(g.endsAt), {
                            dateStyle: "medium",
                            timeZone: g.organization.timeZone,
                          }),
                        })}
                    </td>
                    <td>{ts(`scopes.${g.scope}`)}</td>
                    <td>
                      <OpenBackOfficeForm shopId={g.organization.id} via="SERVICE_ACCESS" label={t("open")} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {pages > 1 && (
          <nav className="pager">
            {page > 1 && (
              <Link className="button" href={`?page=${page - 1}`}>
                {t("previous")}
              </Link>
            )}
            <span>{t("pageOf", { page, pages })}</span>
            {page < pages && (
              <Link className="button" href={`?page=${page + 1}`}>
                {t("next")}
              </Link>
            )}
          </nav>
        )}
      </section>
    </AreaMessages>
  );
}
