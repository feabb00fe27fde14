import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrganizationForm } from "@/components/organizations/organization-form";
import { timeZoneChoices } from "@/lib/time-zones";
import { findOrganizationFor, partnerChoices } from "@/server/organizations/queries";
import { consoleTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { AreaMessages } from "@/components/layout/area-messages";

type Props = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgId } = await params;
  const [t, nav] = await Promise.all([getTranslations("organizations.edit"), getTranslations("nav.console")]);
  return consoleTitle("organizations.manage", async (operator) => {
    const organization = await findOrganizationFor(operator, orgId);
    return organization && [t("title"), organization.name, nav("organizations")];
  });
}

export default async function EditOrganizationPage({ params }: Props) {
  const operator = await requireOperator("organizations.manage");
  const organization = await findOrganizationFor(operator, (await params).orgId);
  if (!organization) notFound();
  const t = await getTranslations("organizations");
  const partners = operator.role === "ADMINISTRATOR" ? await partnerChoices(operator) : null;
  return (
    <AreaMessages area="organizationForm">
      <section>
        <h1>{t("edit.heading", { name: organization.name })}</h1>
        <p className="muted">{t("edit.sessionsNote")}</p>
        <OrganizationForm
          partners={partners}
          timeZones={timeZoneChoices(organization.timeZone)}
          values={{
            id: organization.id,
            name: organization.name,
            url: organization.url,
            customerReference: organization.customerReference,
            number: organization.number ?? "",
            managedBy: organization.managedBy,
            partnerCompanyId: organization.partnerCompanyId,
            timeZone: organization.timeZone,
            language: organization.language,
          }}
        />
        <p>
          <Link href={`/console/organizations/${organization.id}`}>{t("form.cancel")}</Link>
        </p>
      </section>
    </AreaMessages>
  );
}
