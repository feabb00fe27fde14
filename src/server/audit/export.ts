import "server-only";
import type { Locale } from "@/i18n/config";
import { canInShop, recordSupportRead, resolveShopAccess } from "@/server/access/shop-access";
import type { Viewer } from "@/server/viewer";
import { supportActivityCsv } from "./csv";

export type SupportActivityExport = { ok: true; csv: ReadableStream<Uint8Array> } | { ok: false; status: 403 | 404 };

/**
 * Support activity as CSV for this viewer: a shop the viewer is not let into does not exist for
 * them, and an operator inside a support session reads the page but takes no file. Every export
 * is recorded: who took the shop's history away.
 */
export async function exportSupportActivity(
  viewer: Viewer,
  shopId: string,
  supportSessionId: string | undefined,
  locale: Locale,
): Promise<SupportActivityExport> {
  const result = await resolveShopAccess(viewer, shopId, supportSessionId);
  if (!result.ok) return { ok: false, status: 404 };
  if (!canInShop(result.access, "support-activity.export")) return { ok: false, status: 403 };
  await recordSupportRead(result.access, "audit.exported", "support-activity");
  return { ok: true, csv: supportActivityCsv(result.access.organization.id, locale) };
}
