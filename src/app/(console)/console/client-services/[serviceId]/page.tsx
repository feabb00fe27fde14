import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDateFormat } from "@/i18n/dates";
import { ServiceEditForm } from "@/components/client-services/service-edit-form";
import { LifecycleControls } from "@/components/lifecycle/lifecycle-controls";
import { Notes } from "@/components/lifecycle/notes";
import { operatorCan } from "@/server/authz";
import { listLifecycle, listNotes } from "@/server/lifecycle/notes";
import { availableActions } from "@/server/lifecycle/transitions";
import { findServiceFor, mayChangeService } from "@/server/client-services/access";
import { now } from "@/server/clock";
import { consoleTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { AreaMessages } from "@/components/layout/area-messages";
import { TableScroll } from "@/components/ui/table-scroll";
import { wholeDaysLeft } from "@/lib/days-left";

type Props = { params: Promise<{ serviceId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { serviceId } = await params;
  const nav = await getTranslations("nav.console");
  return consoleTitle("client-services.view", async (operator) => {
    const service = await findServiceFor(operator, serviceId);
    return service && [service.alias, nav("clientServices")];
  });
}

export default async function ServiceDetailsPage({ params }: Props) {
  const operator = await requireOperator("client-services.view");
  const service = await findServiceFor(operator, (await params).serviceId);
  if (!service) notFound();
  const t = await getTranslations("console.serviceDetails");
  const tc = await getTranslations("console.clientServices");
  const date = await getDateFormat();
  const cert = service.certificate;
  const daysLeft = cert ? wholeDaysLeft(cert.validTo, now()) : null;
  const day = (d: Date) => date(d, { dateStyle: "medium" });
  const tl = await getTranslations("console.lifecycle");
  const tn = await getTranslations("console.notes");
  const te = await getTranslations("errors");
  const [periods, notes] = await Promise.all([listLifecycle(service.id), listNotes(service.id)]);
  const canChange = mayChangeService(operator, service) && operatorCan(operator.role, "lifecycle.change");
  const canRemoveAny = operatorCan(operator.role, "notes.remove-any");
  return (
    <AreaMessages area="serviceDetails">
      <section>
        <div className="row between">
          <h1 data-testid="service-title">{service.alias}</h1>
          <details className="menu">
            <summary className="button" data-testid="customization">
              {t("customization")}
            </summary>
            <ul>
              <li>
                <Link
                  href={`/console/client-services/${service.id}/configurations`}
                  data-testid="general-configurations"
                >
                  {t("generalConfigurations")}
                </Link>
              </li>
            </ul>
          </details>
        </div>
        <dl className="facts" data-testid="service-facts">
          <dt>{t("alias")}</dt>
          <dd>{service.alias}</dd>
          <dt>{t("shop")}</dt>
          <dd>{service.organization.name}</dd>
          <dt>{tc("issuer")}</dt>
          <dd>{service.issuerCompany.name}</dd>
          <dt>{tc("partner")}</dt>
          <dd>{service.partnerCompany.name}</dd>
          <dt>{t("certificate")}</dt>
          <dd>
            {cert ? (
              <>
                {cert.subject}
                <br />
                <span className="muted">
                  {t("serial")}: <span className="mono">{cert.serialNumber}</span> ·{" "}
                  {t("validity", { from: day(cert.validFrom), to: day(cert.validTo) })}
                </span>
                {daysLeft !== null && daysLeft < 0 && (
                  <p className="notice warning" data-testid="certificate-expired">
                    {t("certificateExpired")}
                  </p>
                )}
                {daysLeft !== null && daysLeft >= 0 && daysLeft <= 30 && (
                  <p className="notice warning" data-testid="certificate-expiring">
                    {t("certificateExpiring", { days: daysLeft })}
                  </p>
                )}
              </>
            ) : (
              "—"
            )}
          </dd>
          <dt>{tc("created")}</dt>
          <dd>{date(service.createdAt, { dateStyle: "long", timeStyle: "short" })}</dd>
          <dt>{tc("language")}</dt>
          <dd>{tc(`languages.${service.configLanguage}`)}</dd>
          <dt>{tc("status")}</dt>
          <dd>
            <span className={`badge status-${service.status.toLowerCase()}`} data-testid="service-status">
              {tc(`statuses.${service.status}`)}
            </span>
          </dd>
        </dl>
        {canChange && (
          <LifecycleControls
            serviceId={service.id}
            status={service.status}
            actions={availableActions(service.status)}
          />
        )}
        {mayChangeService(operator, service) &&
          (service.status === "CANCELLED" ? (
            <p className="notice" data-testid="service-cancelled">
              {te("serviceCancelled")}
            </p>
          ) : (
            <>
              <h2>{t("edit")}</h2>
              <ServiceEditForm serviceId={service.id} alias={service.alias} configLanguage={service.configLanguage} />
            </>
          ))}
        <h2>{tl("title")}</h2>
        <TableScroll label={tl("title")}>
          <table className="table" data-testid="lifecycle-table">
            <thead>
              <tr>
                <th>{tc("status")}</th>
                <th>{tl("from")}</th>
                <th>{tl("to")}</th>
                <th>{tl("by")}</th>
                <th>{tl("reason")}</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.id} data-testid="lifecycle-period">
                  <td>{tc(`statuses.${p.status}`)}</td>
                  <td>{date(p.startedAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                  <td>{p.endedAt ? date(p.endedAt, { dateStyle: "medium", timeStyle: "short" }) : tl("current")}</td>
                  <td>{p.changedBy?.name ?? "—"}</td>
                  <td>{p.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <h2>{tn("title")}</h2>
        <Notes
          serviceId={service.id}
          notes={notes.map((n) => ({
            id: n.id,
            body: n.body,
            createdAt: n.createdAt.toISOString(),
            authorName: n.author.name,
            removable: n.author.id === operator.id || canRemoveAny,
          }))}
        />
      </section>
    </AreaMessages>
  );
}
