import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDateFormat } from "@/i18n/dates";
import { RemoteSupportRows, type RemoteSupportRowData } from "@/components/access/remote-support-rows";
import { remoteStates, searchOrganizations, type OrgHit, type RemoteState } from "@/server/access/org-search";
import { consoleTitle } from "@/server/page-title";
import { requireOperator } from "@/server/viewer";
import { AreaMessages } from "@/components/layout/area-messages";
import { TableScroll } from "@/components/ui/table-scroll";
import type { SearchParams } from "@/lib/search-params";
import { parseListParams } from "@/server/organizations/queries";
import { now } from "@/server/clock";

export async function generateMetadata(): Promise<Metadata> {
  const nav = await getTranslations("nav.console");
  return consoleTitle("remote-support.search", [nav("remoteSupport"), nav("supportHub")]);
}

export default async function RemoteSupportSearchPage({ searchParams }: { searchParams: SearchParams }) {
  const operator = await requireOperator("remote-support.search");
  const t = await getTranslations("console.remoteSupport");
  const tm = await getTranslations("shop.dashboard.managedByValues");
  const format = await getFormatter();
  const date = await getDateFormat();
  const params = parseListParams(await searchParams);
  const q = params.q ?? "";
  // an empty box is a hint, not the list of everything (that is Organizations)
  const { hits, next, previous } =
    q === ""
      ? { hits: [] as OrgHit[], next: undefined, previous: undefined }
      : await searchOrganizations(operator, q, params);
  const states = await remoteStates(operator, hits);
  const when = (d: Date) => date(d, { dateStyle: "medium", timeStyle: "short" });

  const stateText = (s: RemoteState) => {
    if (s.kind === "pending")
      return t("states.pending", {
        name: s.requestedBy,
        at: when(s.requestedAt),
        // from the server's clock (src/server/clock.ts), as every expiry is decided
        lapses: format.relativeTime(s.lapsesAt, now()),
      });
    if (s.kind === "active") return t("states.active", { until: when(s.until) });
    return t(`states.${s.kind}`);
  };
  const link = (where: "after" | "before", cursor: string) => `?${new URLSearchParams({ q, [where]: cursor })}`;

  return (
    <AreaMessages area="remoteSupportSearch">
      <section>
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        <form method="get" className="inline-form" role="search">
          <label className="field">
            <span>{t("search")}</span>
            <input
              type="search"
              name="q"
              defaultValue={q}
              placeholder={t("searchPlaceholder")}
              maxLength={100}
              data-testid="org-search"
            />
          </label>
          <button type="submit" className="button primary">
            {t("searchButton")}
          </button>
        </form>
        {q === "" ? (
          <p className="muted">{t("hint")}</p>
        ) : hits.length === 0 ? (
          <p className="muted" data-testid="no-results">
            {t("noResults", { query: q })}
          </p>
        ) : (
          <TableScroll label={t("title")}>
            <table className="table" data-testid="org-results">
              <thead>
                <tr>
                  <th>{t("organization")}</th>
                  <th>{t("reference")}</th>
                  <th>{t("number")}</th>
                  <th>{t("managedBy")}</th>
                  <th>{t("state")}</th>
                  <th>{t("actions")}</th>
                </tr>
              </thead>
              <RemoteSupportRows
                rows={hits.map((hit): RemoteSupportRowData => {
                  const state = states[hit.id];
                  return [
                    hit.id,
                    hit.name,
                    hit.customerReference,
                    hit.number,
                    tm(hit.managedBy),
                    stateText(state),
                    state.kind === "none",
                    state.kind === "managedByProvider" || state.kind === "active",
                  ];
                })}
              />
            </table>
          </TableScroll>
        )}
        {(previous || next) && (
          <nav className="pager">
            {previous && (
              <Link className="button" href={link("before", previous)} data-testid="previous-page">
                {t("previous")}
              </Link>
            )}
            {next && (
              <Link className="button" href={link("after", next)} data-testid="next-page">
                {t("next")}
              </Link>
            )}
          </nav>
        )}
      </section>
    </AreaMessages>
  );
}
