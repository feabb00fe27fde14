import { getTranslations } from "next-intl/server";

/** A console settings page's document title, most specific first: "Operators · Settings · Operator console · Backoffice Access". */
export async function settingsPageTitle(page: string): Promise<string> {
  const t = await getTranslations();
  return [page, t("admin.settings.title"), t("nav.console.area"), t("common.appName")].join(" · ");
}
