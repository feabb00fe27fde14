import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { ActiveSessionNotice } from "@/components/access/active-session-notice";
import { AppHeader } from "@/components/layout/app-header";
import { FlashProvider, FlashRegion } from "@/components/ui/flash";
import { NavList, type NavItem } from "@/components/layout/nav-list";
import { operatorCan } from "@/server/authz";
import { requireOperator } from "@/server/viewer";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const operator = await requireOperator();
  const t = await getTranslations("nav");
  const can = (p: Parameters<typeof operatorCan>[1]) => operatorCan(operator.role, p);
  const items: NavItem[] = [
    { href: "/console", label: t("console.home"), exact: true },
    ...(can("organizations.view") ? [{ href: "/console/organizations", label: t("console.organizations") }] : []),
    ...(can("client-services.view") ? [{ href: "/console/client-services", label: t("console.clientServices") }] : []),
    ...(can("remote-support.search")
      ? [
          {
            label: t("console.supportHub"),
            children: [{ href: "/console/support-hub/remote-support", label: t("console.remoteSupport") }],
          },
        ]
      : []),
    ...(can("support-session.start") ? [{ href: "/console/service-access", label: t("console.serviceAccess") }] : []),
    ...(can("admin.settings")
      ? [
          {
            href: "/console/settings",
            label: t("console.settings"),
            exact: true,
            testId: "nav-settings",
            children: [
              { href: "/console/settings/operators", label: t("console.operators") },
              { href: "/console/settings/companies", label: t("console.companies") },
              { href: "/console/settings/outbox", label: t("console.outbox") },
              { href: "/console/settings/audit", label: t("console.audit") },
            ],
          },
        ]
      : []),
  ];
  return (
    <FlashProvider>
      <div className="app">
        <AppHeader area={t("console.area")} userName={operator.name} roleLabel={t(`roles.${operator.role}`)} />
        <div className="app-body">
          <NavList items={items} label={t("console.area")} toggle={t("menu")} />
          <main className="content" id="content" tabIndex={-1}>
            <FlashRegion />
            <ActiveSessionNotice operator={operator} />
            {children}
          </main>
        </div>
      </div>
    </FlashProvider>
  );
}
