import { cookies } from "next/headers";
import { getLocale } from "next-intl/server";
import { asLocale } from "@/i18n/config";
import { supportSessionCookie } from "@/server/access/session-cookie";
import { exportSupportActivity } from "@/server/audit/export";
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
  const locale = await getLocale();
  const exported = await exportSupportActivity(
    viewer,
    shopId,
    (await cookies()).get(supportSessionCookie())?.value,
    asLocale(locale),
  );
  if (!exported.ok) return new Response(null, { status: exported.status });
  return new Response(exported.csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="support-activity-${shopId}.csv"`,
      "cache-control": "no-store",
    },
  });
}
