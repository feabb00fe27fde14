import "server-only";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { canInShop, requireShopAccess } from "@/server/access/shop-access";
import { operatorCan, type ConsolePermissionName, type ShopPermissionName } from "@/server/authz";
import { isOperator, requireViewer, type Operator } from "@/server/viewer";

// Every page's <title> names it most specific first: "Status · Settings · Alpine Outfitters ·
// Backoffice Access". Pages build the whole chain here and the root layout's template adds the
// product: a layout's template would be the nearest one only, and a layout cannot see whether its
// page answers 404.
const SEPARATOR = " · ";

/** The root layout's titles: the product alone, and "Page · Backoffice Access" for every page. */
export async function rootTitle(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: t("appName"), template: `%s${SEPARATOR}${t("appName")}` } };
}

/** A page's title, most specific part first. */
export function pageTitle(...parts: string[]): Metadata {
  return { title: parts.join(SEPARATOR) };
}

/** "Not found" or "Access denied", naming nothing the viewer may not see. */
export async function refusalTitle(reason: "notFoundTitle" | "forbiddenTitle"): Promise<Metadata> {
  const t = await getTranslations("common");
  return pageTitle(t(reason));
}

/**
 * A console page's title: its parts, then "Operator console". Metadata is resolved even when the
 * page refuses, so the page's checks decide here too: a viewer without the permission reads
 * "Access denied", and a record the operator may not see (`parts` gives null) "Not found".
 */
export async function consoleTitle(
  permission: ConsolePermissionName,
  parts: string[] | ((operator: Operator) => Promise<string[] | null>),
): Promise<Metadata> {
  const viewer = await requireViewer();
  if (!isOperator(viewer) || !operatorCan(viewer.role, permission)) return refusalTitle("forbiddenTitle");
  const named = typeof parts === "function" ? await parts(viewer) : parts;
  if (!named) return refusalTitle("notFoundTitle");
  const nav = await getTranslations("nav.console");
  return pageTitle(...named, nav("area"));
}

/** A console settings page's title: "Operators · Settings · Operator console". */
export async function settingsTitle(permission: ConsolePermissionName, page: string): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return consoleTitle(permission, [page, nav("settings")]);
}

/**
 * A back-office page's title: its parts, then the shop's name, which also tells an operator in a
 * support session whose back office this is. The layout's cached access check decides: whoever
 * may not be in this shop gets the 404 page's title (or the redirect the page gives).
 */
export async function shopTitle(shopId: string, parts: string[], permission?: ShopPermissionName): Promise<Metadata> {
  const access = await requireShopAccess(shopId);
  if (permission && !canInShop(access, permission)) return refusalTitle("forbiddenTitle");
  return pageTitle(...parts, access.organization.name);
}
