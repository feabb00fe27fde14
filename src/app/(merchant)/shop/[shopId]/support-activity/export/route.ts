import { cookies } from "next/headers";
import { getLocale } from "next-intl/server";
import { isLocale } from "@/i18n/config";
import { canInShop, recordSupportRead, resolveShopAccess } from "@/server/access/shop-access";
import { supportSessionCookie } from "@/server/access/session-cookie";
import { supportActivityCsv } from "@/server/audit/csv";
import { getViewer } from "@/server/viewer";

/** Support activity as CSV: the same events, the same access rules as the page. */
export async function GET(request: Request, { params }: { params: Promise<{ shopId: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response(null, { status: 401 });
  const { shopId } = await params;
  // a link on another site opens this with the person's cookies (SameSite=Lax lets a GET through):
  // it goes to the page, where an export is a press of its own, and nothing is recorded
  const from = request.headers.get("sec-fetch-site");
  if (from === "cross-site" || from === "same-site")
    return Response.redirect(new URL(`/shop/${shopId}/support-activity`, request.url), 303);
  const result = await resolveShopAccess(viewer, shopId, (await cookies()).get(supportSessionCookie())?.value);
  if (!result.ok) return new Response(null, { status: 404 });
  if (!canInShop(result.access, "support-activity.view")) return new Response(null, { status: 403 });
  // every export is recorded: who took the shop's history away, and on whose behalf
  await recordSupportRead(result.access, "audit.exported", "support-activity");
  const locale = await getLocale();
  const stream = supportActivityCsv(shopId, isLocale(locale) ? locale : "en");
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="support-activity-${shopId}.csv"`,
      "cache-control": "no-store",
    },
  });
}
