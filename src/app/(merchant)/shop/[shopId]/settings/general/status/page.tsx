import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDateFormat } from "@/i18n/dates";
import { AuditTable } from "@/components/audit/audit-table";
import { ServiceAccessForm } from "@/components/access/service-access-form";
import { SessionsTable } from "@/components/access/sessions-table";
import { StorefrontForm } from "@/components/shop/storefront-form";
import {
  lastDayOfAccess,
  latestAccessUntil,
  localToday,
  MAX_ACCESS_DAYS,
  suggestedAccessUntil,
} from "@/server/access/calendar";
import { recentAccessEvents, runningSessions } from "@/server/access/queries";
import { currentServiceAccess } from "@/server/access/service-access";
import { canInShop, requireShopPage } from "@/server/access/shop-access";
import { now } from "@/server/clock";
import { shopTitle } from "@/server/page-title";
import { storefrontStatus } from "@/server/shop/queries";
import { AreaMessages } from "@/components/layout/area-messages";

type Props = { params: Promise<{ shopId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const nav = await getTranslations("nav.shop");
  return shopTitle((await params).shopId, [nav("status"), nav("settings")]);
}

export default async function StatusPage({ params }: Props) {
  const { shopId } = await params;
  const access = await requireShopPage(shopId, "status");
  const t = await getTranslations("shop.serviceAccess");
  const tf = await getTranslations("shop.storefront");
  const storefront = await storefrontStatus(access);
  const canChange = canInShop(access, "shop.change");
  const date = await getDateFormat();
  const zone = access.organization.timeZone;
  const [grant, sessions, events] = await Promise.all([
    currentServiceAccess(shopId),
    runningSessions(shopId),
    recentAccessEvents(shopId),
  ]);
  const t0 = now();
  const canManage = canInShop(access, "service-access.manage");
  // the date the form shows: the current end (its last day) when open, else the suggestion
  const openUntil = grant?.endsAt ? localToday(lastDayOfAccess(grant.endsAt), zone) : undefined;
  return (
    <AreaMessages area="status">
      <section>
        <h1>{t("title")}</h1>
        <h2>{tf("heading")}</h2>
        <StorefrontForm
          shopId={shopId}
          open={storefront.storefrontOpen}
          message={storefront.closedMessage ?? ""}
          readOnly={!canChange}
        />
        {!canChange && (
          <p className="muted" data-testid="storefront-readonly">
            {tf("readOnly")}
          </p>
        )}
        <h2>{t("heading")}</h2>
        <p className="muted">{t("intro")}</p>
        <div className={grant ? "notice" : "notice muted"} data-testid="service-access-state">
          {grant?.endsAt
            ? t("openUntil", {
                until: date(lastDayOfAccess(grant.endsAt), { dateStyle: "full", timeZone: zone }),
                scope: t(`scopes.${grant.scope}`),
              })
            : t("closed")}
        </div>
        {canManage ? (
          <ServiceAccessForm
            shopId={shopId}
            isOpen={!!grant}
            until={openUntil ?? suggestedAccessUntil(t0, zone)}
            min={localToday(t0, zone)}
            max={latestAccessUntil(t0, zone)}
            maxDays={MAX_ACCESS_DAYS}
            scope={grant?.scope ?? "VIEW_ONLY"}
          />
        ) : (
          <p className="muted" data-testid="service-access-readonly">
            {access.session ? t("readOnlyInSession") : t("readOnly")}
          </p>
        )}
        <h2>{t("sessionsInProgress")}</h2>
        <SessionsTable shopId={shopId} sessions={sessions} canEnd={canInShop(access, "sessions.end")} />
        <h2>{t("lastChanges")}</h2>
        <AuditTable events={events} basePath={`/shop/${shopId}/support-activity`} />
      </section>
    </AreaMessages>
  );
}
