import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CreateCompanyForm } from "@/components/companies/create-company-form";
import { RenameCompanyForm } from "@/components/companies/rename-company-form";
import { listCompanies } from "@/server/companies/companies";
import { settingsTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { AreaMessages } from "@/components/layout/area-messages";
import { TableScroll } from "@/components/ui/table-scroll";

export async function generateMetadata(): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return settingsTitle("companies.manage", nav("companies"));
}

export default async function CompaniesPage() {
  await requireOperator("companies.manage");
  const t = await getTranslations("operators.companies");
  const companies = await listCompanies();

  return (
    <AreaMessages area="companies">
      <section>
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        {companies.length === 0 ? (
          <p className="muted">{t("empty")}</p>
        ) : (
          <TableScroll label={t("tableLabel")}>
            <table className="table" data-testid="companies-table">
              <thead>
                <tr>
                  <th scope="col">{t("columns.name")}</th>
                  <th scope="col">{t("columns.kind")}</th>
                  <th scope="col">{t("columns.operators")}</th>
                  <th scope="col">{t("columns.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {companies.map((c) => (
                  <tr key={`${c.kind}-${c.id}`}>
                    <th scope="row">{c.name}</th>
                    <td>{t(`kind.${c.kind}`)}</td>
                    <td>{c.operators}</td>
                    <td>
                      <RenameCompanyForm company={{ id: c.id, kind: c.kind, name: c.name }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <h2 id="create-company-title">{t("create.title")}</h2>
        <CreateCompanyForm />
      </section>
    </AreaMessages>
  );
}
