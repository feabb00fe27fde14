import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/ui/coming-soon";
import { requireShopAccess } from "@/server/access/shop-access";

export default async function Page({ params }: { params: Promise<{ shopId: string }> }) {
  await requireShopAccess((await params).shopId);
  const t = await getTranslations("shop.services");
  return <ComingSoon title={t("title")} description={t("description")} />;
}
