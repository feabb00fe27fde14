import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SupportBanner } from "@/components/access/support-banner";
import { AppHeader } from "@/components/layout/app-header";
import { AreaMessages } from "@/components/layout/area-messages";
import { FlashProvider, FlashRegion } from "@/components/ui/flash";
import { NavList, type NavItem } from "@/components/layout/nav-list";
import { requireShopAccess } from "@/server/access/shop-access";
import { now } from "@/server/clock";

export default async function ShopLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ shopId: string }>;
}) {
  const { shopId } = await params;
  const access = await requireShopAccess(shopId);
  const t = await getTranslations("nav");
  const ts = await getTranslations("shop.serviceAccess");
  const base = `/shop/${shopId}`;
  const items: NavItem[] = [
    { href: base, label: t("shop.dashboard"), exact: true },
    {
      label: t("shop.settings"),
      children: [
        {
          label: t("shop.generalSettings"),
          children: [{ href: `${base}/settings/general/status`, label: t("shop.status") }],
        },
      ],
    },
    { href: `${base}/services`, label: t("shop.services") },
    {
      label: t("shop.manageOrganization"),
      children: [
        { href: `${base}/organization/members`, label: t("shop.members") },
        { href: `${base}/organization/remote-support`, label: t("shop.remoteSupport") },
      ],
    },
    { href: `${base}/support-activity`, label: t("shop.supportActivity") },
  ];
  const roleLabel = access.session
    ? t("roles.supportAs", { role: t(`membership.${access.role}`) })
    : t(`membership.${access.role}`);
  return (
    <AreaMessages area="shop">
      <FlashProvider>
        <div className="app">
          <AppHeader area={access.organization.name} userName={access.viewer.name} roleLabel={roleLabel} />
          {access.session && (
            <SupportBanner
              shopName={access.organization.name}
              grantedHow={`${ts(`basis.${access.session.basis}`)} · ${t(`membership.${access.role}`)} · ${ts(`scopes.${access.session.scope}`)}`}
              endsAt={access.session.endsAt?.toISOString() ?? null}
              initialMsLeft={access.session.endsAt ? access.session.endsAt.getTime() - now().getTime() : null}
            />
          )}
          <div className="app-body">
            <NavList items={items} label={t("shop.area")} toggle={t("menu")} />
            <main className="content" id="content" tabIndex={-1}>
              <FlashRegion />
              {children}
            </main>
          </div>
        </div>
      </FlashProvider>
    </AreaMessages>
  );
}
