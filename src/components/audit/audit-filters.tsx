"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Link } from "@/components/ui/link";
import { Field, FormMessage } from "@/components/ui/form";
import type { AuditFilterName, AuditFilters } from "@/server/audit/filters";

/** The event menu: each area's actions under its name, as [value, label] ([label, actions] per group). */
export type ActionGroup = [label: string, actions: [value: string, label: string][]];

const PATH = "/console/settings/audit";

/**
 * A GET form: the view is the URL, so it can be bookmarked and shared. Under it one live region
 * says what the view is (the matches, or the filters to correct) and takes the focus after each
 * submit, as an action's answer does; a view without filters says nothing there. Keyed by the
 * page with its filters, so that another view (a shop's link in the table) is a new form.
 */
export function AuditFilterForm({
  typed,
  errors,
  groups,
  shopName,
  timeZone,
  found,
}: {
  typed: AuditFilters;
  errors: Partial<Record<AuditFilterName, string>>;
  groups: ActionGroup[];
  shopName?: string;
  timeZone: string;
  found: boolean;
}) {
  const t = useTranslations("admin.audit.filters");
  const invalid = Object.keys(errors).length > 0;
  const filtered = Object.keys(typed).length > 0;
  // one answer per view (the page keys the form by its filters): paging to older events keeps it,
  // and so does not move the focus again
  const [state] = useState(() =>
    invalid
      ? { ok: false as const, error: t("invalid"), fieldErrors: errors }
      : filtered
        ? { ok: true as const }
        : null,
  );
  const text = (name: AuditFilterName, hint?: string) => (
    <Field label={t(name)} name={name} state={state} hint={hint}>
      {(control) => (
        <input
          {...control}
          type={name === "from" || name === "to" ? "date" : "text"}
          defaultValue={typed[name] ?? ""}
          autoComplete="off"
          spellCheck={false}
          maxLength={254}
          inputMode={name === "actor" ? "email" : undefined}
          data-testid={`filter-${name}`}
        />
      )}
    </Field>
  );
  return (
    <>
      <form method="get" action={PATH} className="filters" role="search" aria-label={t("label")} noValidate>
        <Field label={t("action")} name="action" state={state}>
          {(control) => (
            <select {...control} defaultValue={typed.action ?? ""} data-testid="filter-action">
              <option value="">{t("allActions")}</option>
              {groups.map(([label, actions]) => (
                <optgroup key={label} label={label}>
                  {actions.map(([value, name]) => (
                    <option key={value} value={value}>
                      {name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        {text("shop", shopName && !errors.shop ? t("shopIs", { name: shopName }) : t("shopHint"))}
        {text("actor", t("actorHint"))}
        {text("from", t("datesHint", { zone: timeZone }))}
        {text("to")}
        <div className="row">
          <button type="submit" className="button primary" data-testid="apply-filters">
            {t("apply")}
          </button>
          {filtered && (
            <Link href={PATH} className="button">
              {t("reset")}
            </Link>
          )}
        </div>
      </form>
      <FormMessage state={state} success={found ? t("filtered") : t("noMatch")} testId="audit-filter-answer" />
    </>
  );
}
