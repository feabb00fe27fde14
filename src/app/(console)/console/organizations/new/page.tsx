import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OrganizationForm } from "@/components/organizations/organization-form";
import { timeZoneChoices } from "@/lib/time-zones";
import { partnerChoices } from "@/server/organizations/queries";
import { consoleTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { AreaMessages } from "@/components/layout/area-messages";

export async function generateMetadata(): Promise<Metadata> {
  const [t, nav] = await Promise.all([getTranslations("organizations.new"), getTranslations("nav.console")]);
  return consoleTitle("organizations.manage", [t("title"), nav("organizations")]);
}

export default async function NewOrganizationPage() {
  const operator = await requireOperator("organizations.manage");
  const t = await getTranslations("organizations.new");
  const admin = operator.role === "ADMINISTRATOR";
  const partners = admin ? await partnerChoices(operator) : null;
  return (
    <AreaMessages area="organizationForm">
      <section>
        <h1>{t("title")}</h1>
        <OrganizationForm
          partners={partners}
          timeZones={timeZoneChoices("Europe/Berlin")}
          values={{
            name: "",
            url: "https://",
            customerReference: "",
            number: "",
            managedBy: "CUSTOMER",
            partnerCompanyId: "",
            timeZone: "Europe/Berlin",
            language: "EN",
          }}
        />
      </section>
    </AreaMessages>
  );
}
