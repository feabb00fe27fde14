import { getLocale, getTimeZone } from "next-intl/server";
import { asLocale } from "@/i18n/config";
import { csvDownload, exportAuditLog } from "@/server/audit/export";
import { getViewer } from "@/server/viewer";

/** The audit log as CSV: the page's filters, the page's reader (administrators alone). */
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return new Response(null, { status: 401 });
  const query = new URL(request.url).searchParams;
  // a name given twice is read as its first, as the page reads it
  const params = Object.fromEntries([...query.keys()].map((name) => [name, query.get(name) ?? undefined]));
  const locale = await getLocale();
  const exported = await exportAuditLog(
    viewer,
    { params, fetchSite: request.headers.get("sec-fetch-site") },
    asLocale(locale),
    await getTimeZone(),
  );
  if (exported.ok) return csvDownload(exported.csv, "audit-log.csv");
  if ("page" in exported) return Response.redirect(new URL(exported.page, request.url), 303);
  return new Response(null, { status: exported.status });
}
