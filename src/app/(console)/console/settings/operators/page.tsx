import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { InviteOperatorForm } from "@/components/operators/invite-operator-form";
import { OperatorActions } from "@/components/operators/operator-actions";
import { companyOptions, listOperators, type OperatorStatus } from "@/server/operators/queries";
import { settingsTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { AreaMessages } from "@/components/layout/area-messages";
import { TableScroll } from "@/components/ui/table-scroll";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { languageOf } from "@/i18n/config";

const BASE = "/console/settings/operators";
const BADGE: Record<OperatorStatus, string> = {
  active: "badge ok",
  invited: "badge warning",
  disabled: "badge danger",
};
const href = (page: number) => (page > 1 ? `${BASE}?page=${page}` : BASE);

export async function generateMetadata(): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return settingsTitle("operators.manage", nav("operators"));
}

export default async function OperatorsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireOperator("operators.manage");
  const t = await getTranslations("operators");
  const roles = await getTranslations("nav.roles");
  const [{ rows, page, pages }, companies] = await Promise.all([
    listOperators(Number(firstParam((await searchParams).page)) || 1),
    companyOptions(),
  ]);
  const locale = await getLocale();

  return (
    <AreaMessages area="operators">
      <section>
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        {rows.length === 0 ? (
          <p className="muted">{t("empty")}</p>
        ) : (
          <TableScroll label={t("tableLabel")}>
            <table className="table" data-testid="operators-table">
              <thead>
                <tr>
                  <th scope="col">{t("columns.name")}</th>
                  <th scope="col">{t("columns.email")}</th>
                  <th scope="col">{t("columns.role")}</th>
                  <th scope="col">{t("columns.company")}</th>
                  <th scope="col">{t("columns.status")}</th>
                  <th scope="col">{t("columns.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-status={row.status}>
                    <th scope="row">
                      {row.name}
                      {row.id === viewer.id && (
                        <>
                          {" "}
                          <span className="muted">{t("you")}</span>
                        </>
                      )}
                    </th>
                    <td>{row.email}</td>
                    <td>{roles(row.role)}</td>
                    <td>{row.companyName ?? <span className="muted">{t("noCompany")}</span>}</td>
                    <td>
                      <span className={BADGE[row.status]}>{t(`status.${row.status}`)}</span>
                    </td>
                    <td>
                      <OperatorActions
                        operator={{
                          id: row.id,
                          name: row.name,
                          role: row.role,
                          companyId: row.companyId,
                          disabled: row.status === "disabled",
                          invited: row.status === "invited",
                        }}
                        companies={companies}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {pages > 1 && (
          <nav className="pager" aria-label={t("page", { page, pages })}>
            {page > 1 && (
              <Link className="button" href={href(page - 1)}>
                {t("previous")}
              </Link>
            )}
            <span className="muted">{t("page", { page, pages })}</span>
            {page < pages && (
              <Link className="button" href={href(page + 1)}>
                {t("next")}
              </Link>
            )}
          </nav>
        )}
        <h2 id="invite-title">{t("invite.title")}</h2>
        <p className="muted">{t("invite.intro")}</p>
        <InviteOperatorForm companies={companies} defaultLanguage={languageOf(locale)} />
      </section>
    </AreaMessages>
  );
}
