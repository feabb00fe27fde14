import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { asLocale } from "@/i18n/config";
import { getDateFormat } from "@/i18n/dates";
import type { AuditEvent } from "@/generated/prisma/client";
import { describeAction, describeActor, describeDetails, type DetailFormats } from "@/server/audit/describe";
import { shopNames } from "@/server/audit/queries";
import { detailWords } from "@/server/audit/detail-words";
import { TableScroll } from "@/components/ui/table-scroll";

/** One table for every audit view: the shop's Support activity and the administrators' log. */
export async function AuditTable({
  events,
  next,
  basePath,
  query,
  showShop,
}: {
  events: AuditEvent[];
  next?: string;
  basePath: string;
  /** the view's filters, kept by the link to older events */
  query?: string;
  /** the shop of each event, its name a link to the view of that shop's events alone */
  showShop?: boolean;
}) {
  const t = await getTranslations("common.audit");
  const date = await getDateFormat();
  const formats: DetailFormats = {
    instant: (d) => date(d, { dateStyle: "medium", timeStyle: "short" }),
    // a calendar day is the same wherever it is read: written in UTC, never moved by the viewer's zone
    day: (d) => date(new Date(`${d}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }),
  };
  const names = await shopNames(events);
  const locale = await getLocale();
  const words = detailWords(asLocale(locale));
  if (events.length === 0)
    return (
      <p className="muted" data-testid="audit-empty">
        {t("empty")}
      </p>
    );
  return (
    <>
      <TableScroll label={t("tableLabel")}>
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t("at")}</th>
              <th>{t("actor")}</th>
              <th>{t("action")}</th>
              {showShop && <th>{t("shop")}</th>}
              <th>{t("detailsHeading")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id.toString()}>
                <td>{date(e.at, { dateStyle: "medium", timeStyle: "medium" })}</td>
                <td>
                  {describeActor(e.actorLabel, t)}
                  {e.onBehalfOfOrgId && (
                    <span className="badge" data-testid="on-behalf">
                      {t("onBehalfOf", { shop: names[e.onBehalfOfOrgId] ?? e.onBehalfOfOrgId })}
                    </span>
                  )}
                </td>
                <td>{describeAction(e.action, t)}</td>
                {showShop && (
                  <td>
                    {e.organizationId ? (
                      <Link
                        href={`${basePath}?shop=${e.organizationId}`}
                        aria-label={t("shopOnly", { name: names[e.organizationId] ?? e.organizationId })}
                      >
                        {names[e.organizationId] ?? e.organizationId}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                )}
                <td className="details">
                  {describeDetails(e.details, t, formats, words).map(([k, v]) => (
                    <span key={k} className="detail">
                      {k}: {v}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <nav className="pager">
        {next && (
          <Link href={`${basePath}?${query ? `${query}&` : ""}after=${next}`} className="button" data-testid="older">
            {t("older")}
          </Link>
        )}
      </nav>
    </>
  );
}
