import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/ui/coming-soon";
import { requireOperator } from "@/server/viewer";

export default async function Page() {
  await requireOperator("remote-support.search");
  const t = await getTranslations("console.remoteSupport");
  return <ComingSoon title={t("title")} description={t("description")} />;
}
