import "server-only";
import { getTranslations } from "next-intl/server";

/** A console page's <title>: "Page · Operator console · Backoffice Access". */
export async function consoleTitle(...parts: string[]): Promise<string> {
  const [nav, common] = await Promise.all([getTranslations("nav"), getTranslations("common")]);
  return [...parts, nav("console.area"), common("appName")].join(" · ");
}
