import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireShopPage } from "@/server/access/shop-access";
import { shopTitle } from "@/server/page-title";
import { shopFacts } from "@/server/shop/queries";

type Props = { params: Promise<{ shopId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const nav = await getTranslations("nav.shop");
  return shopTitle((await params).shopId, [nav("dashboard")]);
}

export default async function ShopDashboard({ params }: Props) {
  const { shopId } = await params;
  const access = await requireShopPage(shopId, "dashboard");
  const t = await getTranslations("shop.dashboard");
  const shop = await shopFacts(access);
  return (
    <section>
      <h1 data-testid="shop-title">{shop.name}</h1>
      <dl className="facts">
        <dt>{t("url")}</dt>
        <dd>{shop.url}</dd>
        <dt>{t("customerReference")}</dt>
        <dd>{shop.customerReference}</dd>
        <dt>{t("number")}</dt>
        <dd>{shop.number ?? "—"}</dd>
        <dt>{t("provider")}</dt>
        <dd>{shop.partnerCompany.name}</dd>
        <dt>{t("managedBy")}</dt>
        <dd>{t(`managedByValues.${shop.managedBy}`)}</dd>
      </dl>
    </section>
  );
}
