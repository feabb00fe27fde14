import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { differenceInCalendarDays } from "date-fns";
import { ServiceEditForm } from "@/components/client-services/service-edit-form";
import { findServiceFor, mayChangeService } from "@/server/client-services/access";
import { now } from "@/server/clock";
import { requireOperator } from "@/server/viewer";

export default async function ServiceDetailsPage({ params }: { params: Promise<{ serviceId: string }> }) {
  const operator = await requireOperator("client-services.view");
  const service = await findServiceFor(operator, (await params).serviceId);
  if (!service) notFound();
  const t = await getTranslations("console.serviceDetails");
  const tc = await getTranslations("console.clientServices");
  const format = await getFormatter();
  const cert = service.certificate;
  const daysLeft = cert ? differenceInCalendarDays(cert.validTo, now()) : null;
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  return (
    <section>
      <div className="row between">
        <h1 data-testid="service-title">{service.alias}</h1>
        <details className="menu">
          <summary className="button" data-testid="customization">{t("customization")}</summary>
          <ul><li><Link href={`/console/client-services/${service.id}/configurations`} data-testid="general-configurations">{t("generalConfigurations")}</Link></li></ul>
        </details>
      </div>
      <dl className="facts" data-testid="service-facts">
        <dt>{t("alias")}</dt><dd>{service.alias}</dd>
        <dt>{t("shop")}</dt><dd>{service.organization.name}</dd>
        <dt>{tc("issuer")}</dt><dd>{service.issuerCompany.name}</dd>
        <dt>{tc("partner")}</dt><dd>{service.partnerCompany.name}</dd>
        <dt>{t("certificate")}</dt>
        <dd>
          {cert ? (
            <>
              {cert.subject}<br />
              <span className="muted">{t("serial")}: <span className="mono">{cert.serialNumber}</span> · {t("validity", { from: date(cert.validFrom), to: date(cert.validTo) })}</span>
              {daysLeft !== null && daysLeft < 0 && <p className="notice warning" data-testid="certificate-expired">{t("certificateExpired")}</p>}
              {daysLeft !== null && daysLeft >= 0 && daysLeft <= 30 && <p className="notice warning" data-testid="certificate-expiring">{t("certificateExpiring", { days: daysLeft })}</p>}
            </>
          ) : "—"}
        </dd>
        <dt>{tc("created")}</dt><dd>{format.dateTime(service.createdAt, { dateStyle: "long", timeStyle: "short" })}</dd>
        <dt>{tc("language")}</dt><dd>{tc(`languages.${service.configLanguage}`)}</dd>
        <dt>{tc("status")}</dt><dd><span className={`badge status-${service.status.toLowerCase()}`} data-testid="service-status">{tc(`statuses.${service.status}`)}</span></dd>
      </dl>
      {mayChangeService(operator, service) && (
        <>
          <h2>{t("edit")}</h2>
          <ServiceEditForm serviceId={service.id} alias={service.alias} configLanguage={service.configLanguage} />
        </>
      )}
    </section>
  );
}
