import { getTranslations } from "next-intl/server";
import { getDateFormat } from "@/i18n/dates";
import type { runningSessions } from "@/server/access/queries";
import { EndSessionButton } from "./end-session-button";
import { TableScroll } from "@/components/ui/table-scroll";

type Session = Awaited<ReturnType<typeof runningSessions>>[number];

/** Support sessions in progress: who, since when, granted how, and "End session" for those allowed. */
export async function SessionsTable({
  shopId,
  sessions,
  canEnd,
}: {
  shopId: string;
  sessions: Session[];
  canEnd: boolean;
}) {
  const t = await getTranslations("shop.serviceAccess");
  const tn = await getTranslations("nav");
  const date = await getDateFormat();
  if (sessions.length === 0)
    return (
      <p className="muted" data-testid="no-sessions">
        {t("noSessions")}
      </p>
    );
  return (
    <TableScroll label={t("sessionsInProgress")}>
      <table className="table" data-testid="sessions-table">
        <thead>
          <tr>
            <th>{t("who")}</th>
            <th>{t("since")}</th>
            <th>{t("grantedHow")}</th>
            <th>{t("reason")}</th>
            {canEnd && <th />}
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>
                {s.operator.name}
                <br />
                <span className="muted">{s.operator.partnerCompany?.name ?? tn(`roles.${s.operator.role}`)}</span>
              </td>
              <td>{date(s.startedAt, { dateStyle: "medium", timeStyle: "short" })}</td>
              <td>
                {t(`basis.${s.basis}`)} · {tn(`membership.${s.actingRole}`)} ·{" "}
                {t(`scopes.${s.grant?.scope ?? s.scope}`)}
              </td>
              <td>{s.reason}</td>
              {canEnd && (
                <td>
                  <EndSessionButton shopId={shopId} sessionId={s.id} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
