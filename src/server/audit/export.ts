import "server-only";
import type { Locale } from "@/i18n/config";
import { canInShop, recordSupportRead, resolveShopAccess } from "@/server/access/shop-access";
import { operatorCan } from "@/server/authz";
import { prisma } from "@/server/db";
import type { Viewer } from "@/server/viewer";
import { auditLogCsv, supportActivityCsv } from "./csv";
import { auditFiltersQuery, readAuditLogView } from "./filters";
import { actorOf, record } from "./record";

/**
 * Whether another site started this request: a link there opens an export with the viewer's
 * cookies (SameSite=Lax lets a GET through). Such a request goes to the page, where an export is a
 * press of its own, and nothing is recorded.
 */
export const startedElsewhere = (fetchSite: string | null) => fetchSite === "cross-site" || fetchSite === "same-site";

/** A CSV file to download, kept by no cache. */
export const csvDownload = (csv: ReadableStream<Uint8Array>, filename: string) =>
  new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });

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

export type AuditLogExport =
  | { ok: true; csv: ReadableStream<Uint8Array> }
  | { ok: false; status: 403 }
  /** to the page, with the query as it came: where its filters are corrected, or pressed for */
  | { ok: false; page: string };

/**
 * The administrators' audit log as CSV, as the page's filters narrow it. A request another site
 * started (a link, with the administrator's cookies) takes nothing and records nothing; every
 * export is recorded with what it kept.
 */
export async function exportAuditLog(
  viewer: Viewer,
  request: { params: Record<string, string | string[] | undefined>; fetchSite: string | null },
  locale: Locale,
  timeZone: string,
): Promise<AuditLogExport> {
  if (!operatorCan(viewer.role, "audit.export-all")) return { ok: false, status: 403 };
  const { filters, typed, errors } = readAuditLogView(request.params);
  const page = `/console/settings/audit?${auditFiltersQuery(typed)}`.replace(/\?$/, "");
  if (startedElsewhere(request.fetchSite)) return { ok: false, page };
  if (Object.keys(errors).length > 0) return { ok: false, page };
  const kept = {
    event: filters.action,
    shop: filters.shop,
    actor: filters.actor,
    fromDay: filters.from,
    toDay: filters.to,
  };
  const details = Object.fromEntries(Object.entries(kept).filter(([, v]) => v !== undefined)) as Record<string, string>;
  if (filters.from || filters.to) details.timeZone = timeZone;
  await prisma.$transaction((tx) => record(tx, { actor: actorOf(viewer), action: "audit.log-exported", details }));
  return { ok: true, csv: auditLogCsv(filters, timeZone, locale) };
}
