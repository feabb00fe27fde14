import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import "@/components/organizations/organizations.css";
import { operatorCan } from "@/server/authz";
import { listOrganizations, parseListParams } from "@/server/organizations/queries";
import { consoleTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { TableScroll } from "@/components/ui/table-scroll";
import { OrganizationRows, type OrganizationRowData } from "@/components/organizations/organization-rows";
import type { SearchParams } from "@/lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return consoleTitle("organizations.view", [nav("organizations")]);
}

export default async function OrganizationsPage({ searchParams }: { searchParams: SearchParams }) {
  const operator = await requireOperator("organizations.view");
  const t = await getTranslations("organizations.list");
  const tm = await getTranslations("organizations.managedBy");
  const params = parseListParams(await searchParams);
  const { hits, next, previous } = await listOrganizations(operator, params);
  const q = params.q ?? "";
  const link = (where: "after" | "before", cursor: string) =>
    `?${new URLSearchParams({ ...(q ? { q } : {}), [where]: cursor })}`;
  const admin = operator.role === "ADMINISTRATOR";
  return (
    <section>
      <div className="row between">
        <h1>{t("title")}</h1>
        {operatorCan(operator.role, "organizations.manage") && (
          <Link className="button primary" href="/console/organizations/new" data-testid="new-organization">
            {t("new")}
          </Link>
        )}
      </div>
      <p className="muted">{t("intro")}</p>
      <form method="get" className="inline-form org-search" role="search">
        <div className="field">
          <label htmlFor="org-q">{t("search")}</label>
          <input
            id="org-q"
            type="search"
            name="q"
            defaultValue={q}
            placeholder={t("searchPlaceholder")}
            maxLength={100}
            data-testid="org-search"
          />
        </div>
        <button type="submit" className="button primary">
          {t("searchButton")}
        </button>
        {q && (
          <Link className="button" href="/console/organizations">
            {t("showAll")}
          </Link>
        )}
      </form>
      <div role="status">
        {hits.length === 0 && (
          <p className="muted" data-testid="no-organizations">
            {q ? t("noResults", { query: q }) : t("empty")}
          </p>
        )}
      </div>
      {hits.length > 0 && (
        <TableScroll label={t("title")}>
          <table className="table" data-testid="organizations-table">
            <thead>
              <tr>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("reference")}</th>
                <th scope="col">{t("number")}</th>
                <th scope="col">{t("managedBy")}</th>
                {admin && <th scope="col">{t("partner")}</th>}
              </tr>
            </thead>
            <OrganizationRows
              rows={hits.map((o): OrganizationRowData => [
                o.id,
                o.name,
                o.customerReference,
                o.number,
                tm(o.managedBy),
                admin ? o.partnerName : null,
              ])}
            />
          </table>
        </TableScroll>
      )}
      {(previous || next) && (
        <nav className="pager" aria-label={t("pages")}>
          {previous && (
            <Link className="button" href={link("before", previous)} rel="prev" data-testid="previous-page">
              {t("previous")}
            </Link>
          )}
          {next && (
            <Link className="button" href={link("after", next)} rel="next" data-testid="next-page">
              {t("next")}
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
