import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { getDateFormat } from "@/i18n/dates";
import { DecideForms, RevokeForm } from "@/components/access/decision-forms";
import { formatDuration } from "@/lib/durations";
import { remoteSupportRequests } from "@/server/access/queries";
import { canInShop, requireShopPage } from "@/server/access/shop-access";
import { shopTitle } from "@/server/page-title";
import { AreaMessages } from "@/components/layout/area-messages";
import { TableScroll } from "@/components/ui/table-scroll";

type Props = { params: Promise<{ shopId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const nav = await getTranslations("nav.shop");
  return shopTitle((await params).shopId, [nav("remoteSupport"), nav("manageOrganization")]);
}

export default async function RemoteSupportPage({ params }: Props) {
  const { shopId } = await params;
  const access = await requireShopPage(shopId, "remote-support");
  const t = await getTranslations("shop.remoteSupport");
  const date = await getDateFormat();
  const locale = await getLocale();
  const canDecide = canInShop(access, "remote-support.decide");
  const { pending, active, past } = await remoteSupportRequests(shopId);
  const when = (d: Date | null) => (d ? date(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const who = (g: (typeof pending)[number]) => `${g.requestedBy.name} (${g.partnerCompany?.name ?? t("platform")})`;
  return (
    <AreaMessages area="decisions">
      <section>
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        {!canDecide && (
          <p className="notice" data-testid="remote-support-readonly">
            {access.session ? t("readOnlyInSession") : t("readOnly")}
          </p>
        )}

        <h2>{t("pending")}</h2>
        {pending.length === 0 ? (
          <p className="muted" data-testid="no-pending">
            {t("none")}
          </p>
        ) : (
          <TableScroll label={t("pending")}>
            <table className="table" data-testid="pending-table">
              <thead>
                <tr>
                  <th>{t("requestedBy")}</th>
                  <th>{t("requestedAt")}</th>
                  <th>{t("requestedDuration")}</th>
                  <th>{t("note")}</th>
                  {canDecide && <th />}
                </tr>
              </thead>
              <tbody>
                {pending.map((g) => (
                  <tr key={g.id}>
                    <td>{who(g)}</td>
                    <td>{when(g.requestedAt)}</td>
                    <td>{g.requestedMinutes ? formatDuration(g.requestedMinutes, locale) : "—"}</td>
                    <td>{g.note ?? "—"}</td>
                    {canDecide && (
                      <td>
                        <DecideForms shopId={shopId} grantId={g.id} requestedMinutes={g.requestedMinutes} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}

        <h2>{t("active")}</h2>
        {active.length === 0 ? (
          <p className="muted" data-testid="no-active">
            {t("none")}
          </p>
        ) : (
          <TableScroll label={t("active")}>
            <table className="table" data-testid="active-table">
              <thead>
                <tr>
                  <th>{t("requestedBy")}</th>
                  <th>{t("decidedBy")}</th>
                  <th>{t("grantedUntil")}</th>
                  <th>{t("note")}</th>
                  {canDecide && <th />}
                </tr>
              </thead>
              <tbody>
                {active.map((g) => (
                  <tr key={g.id}>
                    <td>{who(g)}</td>
                    <td>{g.decidedBy?.name ?? "—"}</td>
                    <td>{when(g.endsAt)}</td>
                    <td>{g.note ?? "—"}</td>
                    {canDecide && (
                      <td>
                        <RevokeForm shopId={shopId} grantId={g.id} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}

        <h2>{t("past")}</h2>
        {past.length === 0 ? (
          <p className="muted">{t("none")}</p>
        ) : (
          <TableScroll label={t("past")}>
            <table className="table" data-testid="past-table">
              <thead>
                <tr>
                  <th>{t("requestedBy")}</th>
                  <th>{t("requestedAt")}</th>
                  <th>{t("requestedDuration")}</th>
                  <th>{t("status")}</th>
                  <th>{t("decidedBy")}</th>
                </tr>
              </thead>
              <tbody>
                {past.map((g) => (
                  <tr key={g.id}>
                    <td>{who(g)}</td>
                    <td>{when(g.requestedAt)}</td>
                    <td>{g.requestedMinutes ? formatDuration(g.requestedMinutes, locale) : "—"}</td>
                    <td>
                      {t(`statuses.${g.status}`)}
                      {g.decisionReason ? `: ${g.decisionReason}` : ""}
                    </td>
                    <td>{g.closedBy?.name ?? g.decidedBy?.name ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </AreaMessages>
  );
}
