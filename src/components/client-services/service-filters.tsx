import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ListFilters } from "@/server/client-services/filters";

type Company = { id: string; name: string };

/** A GET form: the view is the URL, so it can be bookmarked and shared. */
export async function ServiceFilters({ filters, issuers, partners }: { filters: ListFilters; issuers: Company[]; partners: Company[] }) {
  const t = await getTranslations("console.clientServices");
  return (
    <form method="get" className="filters" data-testid="service-filters">
      <label className="field"><span>{t("search")}</span><input type="search" name="q" defaultValue={filters.q ?? ""} placeholder={t("searchPlaceholder")} maxLength={100} /></label>
      <label className="field"><span>{t("status")}</span>
        <select name="status" defaultValue={filters.status ?? ""}>
          <option value="">{t("all")}</option>
          {(["PENDING", "ACTIVE", "SUSPENDED", "CANCELLED"] as const).map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
        </select>
      </label>
      <label className="field"><span>{t("issuer")}</span>
        <select name="issuer" defaultValue={filters.issuer ?? ""}>
          <option value="">{t("all")}</option>
          {issuers.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <label className="field"><span>{t("partner")}</span>
        <select name="partner" defaultValue={filters.partner ?? ""}>
          <option value="">{t("all")}</option>
          {partners.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <label className="field"><span>{t("language")}</span>
        <select name="lang" defaultValue={filters.lang ?? ""}>
          <option value="">{t("all")}</option>
          <option value="EN">{t("languages.EN")}</option>
          <option value="DE">{t("languages.DE")}</option>
        </select>
      </label>
      <label className="field"><span>{t("from")}</span><input type="date" name="from" defaultValue={filters.from ?? ""} /></label>
      <label className="field"><span>{t("to")}</span><input type="date" name="to" defaultValue={filters.to ?? ""} /></label>
      <input type="hidden" name="sort" value={filters.sort} />
      {filters.dir && <input type="hidden" name="dir" value={filters.dir} />}
      <div className="row">
        <button type="submit" className="button primary" data-testid="apply-filters">{t("apply")}</button>
        <Link href="/console/client-services" className="button">{t("reset")}</Link>
      </div>
    </form>
  );
}
