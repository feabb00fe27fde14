import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDateFormat } from "@/i18n/dates";
import type { OutboxStatus } from "@/generated/prisma/enums";
import { RetryButton, RetryFailedButton } from "@/components/outbox/retry-button";
import { asLocale } from "@/i18n/config";
import { canRetry } from "@/server/mail/outbox";
import { listOutbox, OUTBOX_STATUSES } from "@/server/mail/queries";
import { isSystemSmtpConfigured, smtpErrorText } from "@/server/mail/transport";
import { MAX_ATTEMPTS } from "@/server/mail/worker";
import { settingsTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { detailWords } from "@/server/audit/detail-words";
import { operatorCan } from "@/server/authz";
import { AreaMessages } from "@/components/layout/area-messages";
import { TableScroll } from "@/components/ui/table-scroll";
import { firstParam, type SearchParams } from "@/lib/search-params";

const BASE = "/console/settings/outbox";
const BADGE: Record<OutboxStatus, string> = { QUEUED: "badge", SENT: "badge ok", FAILED: "badge danger" };

// queued after a failed attempt or for want of a server, rather than just not sent yet
const waiting = (row: { status: OutboxStatus; lastError: string | null }) =>
  row.status === "QUEUED" && row.lastError !== null;

function href(status: OutboxStatus | undefined, page = 1) {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${BASE}?${query}` : BASE;
}

export async function generateMetadata(): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return settingsTitle("outbox.view", nav("outbox"));
}

export default async function OutboxPage({ searchParams }: { searchParams: SearchParams }) {
  const operator = await requireOperator("outbox.view");
  const t = await getTranslations("admin.outbox");
  const date = await getDateFormat();
  const locale = await getLocale();
  // an email's kind in words as the audit's details name it; an unknown one shows as stored
  const words = detailWords(asLocale(locale));
  const kindText = (kind: string) => words.mailKind(kind) ?? kind;
  const errorText = (stored: string) => smtpErrorText(asLocale(locale), stored);
  const params = await searchParams;
  const status = OUTBOX_STATUSES.find((s) => s === firstParam(params.status));
  const [{ rows, page, pages, counts, retryableFailed }, smtpConfigured] = await Promise.all([
    listOutbox({ status, page: Number(firstParam(params.page)) || 1 }),
    isSystemSmtpConfigured(),
  ]);
  const when = (at: Date) => date(at, { dateStyle: "medium", timeStyle: "short" });
  const total = counts.QUEUED + counts.SENT + counts.FAILED;

  return (
    <AreaMessages area="outbox">
      <section>
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro", { maxAttempts: MAX_ATTEMPTS })}</p>
        {!smtpConfigured && (
          <div className="notice warning" role="status" data-testid="outbox-no-smtp">
            <p>{t("noSmtp")}</p>
          </div>
        )}
        <nav className="row" aria-label={t("filter")}>
          <Link href={href(undefined)} aria-current={status ? undefined : "page"}>
            {t("all", { count: total })}
          </Link>
          {OUTBOX_STATUSES.map((s) => (
            <Link key={s} href={href(s)} aria-current={status === s ? "page" : undefined}>
              {t("statusCount", { status: t(`status.${s}`), count: counts[s] })}
            </Link>
          ))}
        </nav>
        {operatorCan(operator.role, "outbox.retry") && <RetryFailedButton failed={retryableFailed} />}
        {rows.length === 0 ? (
          <p className="muted" data-testid="outbox-empty">
            {t("empty")}
          </p>
        ) : (
          <TableScroll label={t("title")}>
            <table className="table" data-testid="outbox-table">
              <thead>
                <tr>
                  <th>{t("columns.createdAt")}</th>
                  <th>{t("columns.kind")}</th>
                  <th>{t("columns.recipients")}</th>
                  <th>{t("columns.subject")}</th>
                  <th>{t("columns.status")}</th>
                  <th>{t("columns.attempts")}</th>
                  <th>{t("columns.lastError")}</th>
                  <th>{t("columns.sentAt")}</th>
                  <th>{t("columns.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-status={row.status}>
                    <td>{when(row.createdAt)}</td>
                    <td>{kindText(row.kind)}</td>
                    <td>{row.toAddresses.join(", ")}</td>
                    <td>{row.subject}</td>
                    <td>
                      {waiting(row) ? (
                        <>
                          <span className="badge warning">{t("waiting")}</span>
                          <div className="muted">{t("nextAttempt", { at: when(row.nextAttemptAt) })}</div>
                        </>
                      ) : (
                        <span className={BADGE[row.status]}>{t(`status.${row.status}`)}</span>
                      )}
                    </td>
                    <td>{row.attempts}</td>
                    <td className="details">{row.lastError && errorText(row.lastError)}</td>
                    <td>{row.sentAt ? when(row.sentAt) : "—"}</td>
                    <td>{canRetry(row) && <RetryButton id={row.id} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {pages > 1 && (
          <nav className="pager" aria-label={t("page", { page, pages })}>
            {page > 1 && (
              <Link className="button" href={href(status, page - 1)}>
                {t("previous")}
              </Link>
            )}
            <span className="muted">{t("page", { page, pages })}</span>
            {page < pages && (
              <Link className="button" href={href(status, page + 1)}>
                {t("next")}
              </Link>
            )}
          </nav>
        )}
      </section>
    </AreaMessages>
  );
}
