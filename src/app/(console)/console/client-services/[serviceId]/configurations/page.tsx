import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConfigurationsForm, type ConfigField } from "@/components/client-services/configurations-form";
import { SmtpForm } from "@/components/client-services/smtp-form";
import { operatorCan } from "@/server/authz";
import { findServiceFor } from "@/server/client-services/access";
import { configurations } from "@/server/configurations/queries";
import { smtpView } from "@/server/smtp-settings/store";
import { consoleTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { AreaMessages } from "@/components/layout/area-messages";

type Props = { params: Promise<{ serviceId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { serviceId } = await params;
  const [t, nav] = await Promise.all([getTranslations("console.configurations"), getTranslations("nav.console")]);
  return consoleTitle("client-services.view", async (operator) => {
    const service = await findServiceFor(operator, serviceId);
    return service && [t("title"), service.alias, nav("clientServices")];
  });
}

export default async function ServiceConfigurationsPage({ params }: Props) {
  const operator = await requireOperator("client-services.view");
  const service = await findServiceFor(operator, (await params).serviceId);
  if (!service) notFound();
  const t = await getTranslations("console.configurations");
  const ts = await getTranslations("console.smtp");
  const te = await getTranslations("errors");
  // a cancelled service's settings stay readable, for the record, and change no more
  const cancelled = service.status === "CANCELLED";
  const readOnly = cancelled || !operatorCan(operator.role, "general-config.edit");
  const [fields, smtp] = await Promise.all([
    configurations(service.id),
    smtpView({ kind: "service", serviceId: service.id }),
  ]);
  return (
    <AreaMessages area="configurations">
      <section>
        <p>
          <Link href={`/console/client-services/${service.id}`}>← {service.alias}</Link>
        </p>
        <h1>{t("title")}</h1>
        {readOnly && (
          <p className="notice" data-testid={cancelled ? "service-cancelled" : "readonly-notice"}>
            {cancelled ? te("serviceCancelled") : t("readOnlyNotice")}
          </p>
        )}
        <ConfigurationsForm
          serviceId={service.id}
          fields={fields as ConfigField[]}
          readOnly={readOnly}
          readOnlyNote={cancelled ? te("serviceCancelled") : undefined}
        />
        <h2>{ts("title")}</h2>
        <SmtpForm serviceId={service.id} values={smtp} readOnly={readOnly} systemLabel={ts("system")} />
      </section>
    </AreaMessages>
  );
}
