"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/form";
import { OPERATOR_ROLES, type OperatorRole } from "@/lib/operators";

export interface CompanyChoices {
  PARTNER: { id: string; name: string }[];
  ISSUER: { id: string; name: string }[];
}

type Result = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string> } | null;

/** Role, then the companies that role can belong to: partner companies, issuer companies, or none. */
export function RoleCompanyFields({
  companies,
  defaultRole = "PARTNER",
  defaultCompanyId = null,
  state,
}: {
  companies: CompanyChoices;
  defaultRole?: OperatorRole;
  defaultCompanyId?: string | null;
  state: Result;
}) {
  const t = useTranslations("operators.invite");
  const roles = useTranslations("nav.roles");
  const [role, setRole] = useState<OperatorRole>(defaultRole);
  const options = role === "ADMINISTRATOR" ? [] : companies[role];
  return (
    <>
      <Field label={t("role")} name="role" state={state}>
        {(control) => (
          <select
            {...control}
            value={role}
            onChange={(e) => setRole(e.target.value as OperatorRole)}
            data-testid="operator-role"
          >
            {OPERATOR_ROLES.map((r) => (
              <option key={r} value={r}>
                {roles(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {role === "ADMINISTRATOR" ? (
        <p className="muted">{t("administratorNoCompany")}</p>
      ) : (
        <Field
          label={t("company")}
          name="companyId"
          state={state}
          hint={options.length === 0 ? t("noCompanies") : undefined}
        >
          {(control) => (
            // keyed by role: switching role offers that role's companies, nothing chosen from the other list
            <select
              {...control}
              key={role}
              defaultValue={options.some((o) => o.id === defaultCompanyId) ? (defaultCompanyId ?? "") : ""}
              data-testid="operator-company"
            >
              <option value="">{t("chooseCompany")}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  );
}
