import { cookies } from "next/headers";
import { getLocale } from "next-intl/server";
import { asLocale } from "@/i18n/config";
import { supportSessionCookie } from "@/server/access/session-cookie";
import { csvDownload, exportSupportActivity, startedElsewhere } from "@/server/audit/export";
import { getViewer } from "@/server/viewer";

/** Support activity as CSV: the same events, the same access rules as the page. */
export async function GET(request: Request, { params }: { params: Promise<{ shopId: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return new Response(null, { status: 401 });
  const { shopId } = await params;
  if (startedElsewhere(request.headers.get("sec-fetch-site")))
    return Response.redirect(new URL(`/shop/${shopId}/support-activity`, request.url), 303);
  const locale = await getLocale();
  const exported = await exportSupportActivity(
    viewer,
    shopId,
    (await cookies()).get(supportSessionCookie())?.value,
    asLocale(locale),
  );
  if (!exported.ok) return new Response(null, { status: exported.status });
  return csvDownload(exported.csv, `support-activity-${shopId}.csv`);
}
