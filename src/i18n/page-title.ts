import "server-only";
import { getTranslations } from "next-intl/server";

/** A page's <title>, most specific first, ending with the product: "Page · … · Backoffice Access". */
export async function pageTitle(...parts: string[]): Promise<string> {
  const common = await getTranslations("common");
  return [...parts, common("appName")].join(" · ");
}

/** A console page's <title>: "Page · Operator console · Backoffice Access". */
export async function consoleTitle(...parts: string[]): Promise<string> {
  const nav = await getTranslations("nav");
  return pageTitle(...parts, nav("console.area"));
}

/** A console settings page's <title>: "Operators · Settings · Operator console · Backoffice Access". */
export async function settingsPageTitle(page: string): Promise<string> {
  const admin = await getTranslations("admin");
  return consoleTitle(page, admin("settings.title"));
}
