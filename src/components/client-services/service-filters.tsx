"use client";
import { Link } from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/form";
import type { ListFilters } from "@/server/client-services/filters";

/** A company in a filter menu: [id, name], as few bytes as the page's data can carry. */
export type CompanyOption = [id: string, name: string];

/**
 * A GET form: the view is the URL, so it can be bookmarked and shared. A client component so that
 * its company menus travel as data, not as an element per option.
 */
export function ServiceFilters({
  filters,
  issuers,
  partners,
}: {
  filters: ListFilters;
  issuers: CompanyOption[];
  partners: CompanyOption[];
}) {
  const t = useTranslations("console.clientServices");
  // the dates as typed (the list is then empty): said at the field, not left to the empty list
  const reversed = !!filters.from && !!filters.to && filters.from > filters.to;
  // shown as an action's refusal is, through the same helpers
  const dates = reversed ? { ok: false as const, error: "", fieldErrors: { to: t("datesReversed") } } : null;
  const menu = (name: "issuer" | "partner", companies: CompanyOption[]) => (
    <label className="field">
      <span>{t(name)}</span>
      <select name={name} defaultValue={filters[name] ?? ""}>
        <option value="">{t("all")}</option>
        {companies.map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form method="get" className="filters" data-testid="service-filters">
      <label className="field">
        <span>{t("search")}</span>
        <input
          type="search"
          name="q"
          defaultValue={filters.q ?? ""}
          placeholder={t("searchPlaceholder")}
          maxLength={100}
        />
      </label>
      <label className="field">
        <span>{t("status")}</span>
        <select name="status" defaultValue={filters.status ?? ""}>
          <option value="">{t("all")}</option>
          {(["PENDING", "ACTIVE", "SUSPENDED", "CANCELLED"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {menu("issuer", issuers)}
      {menu("partner", partners)}
      <label className="field">
        <span>{t("language")}</span>
        <select name="lang" defaultValue={filters.lang ?? ""}>
          <option value="">{t("all")}</option>
          <option value="EN">{t("languages.EN")}</option>
          <option value="DE">{t("languages.DE")}</option>
        </select>
      </label>
      <label className="field">
        <span>{t("from")}</span>
        <input type="date" name="from" defaultValue={filters.from ?? ""} />
      </label>
      <Field label={t("to")} name="to" state={dates}>
        {(control) => <input {...control} type="date" defaultValue={filters.to ?? ""} />}
      </Field>
      <input type="hidden" name="sort" value={filters.sort} />
      {filters.dir && <input type="hidden" name="dir" value={filters.dir} />}
      <div className="row">
        <button type="submit" className="button primary" data-testid="apply-filters">
          {t("apply")}
        </button>
        <Link href="/console/client-services" className="button">
          {t("reset")}
        </Link>
      </div>
    </form>
  );
}
