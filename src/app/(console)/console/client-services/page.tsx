import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/ui/coming-soon";
import { requireOperator } from "@/server/viewer";

export default async function Page() {
  await requireOperator("client-services.view");
  const t = await getTranslations("console.clientServices");
  return <ComingSoon title={t("title")} description={t("description")} />;
}
