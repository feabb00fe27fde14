import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/ui/coming-soon";
import { requireOperator } from "@/server/viewer";

export default async function Page() {
  await requireOperator("service-access.enter");
  const t = await getTranslations("console.serviceAccess");
  return <ComingSoon title={t("title")} description={t("description")} />;
}
