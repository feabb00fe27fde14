"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { FieldError, invalid } from "@/components/ui/form";
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
      <label className="field">
        <span>{t("role")}</span>
        <select
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as OperatorRole)}
          data-testid="operator-role"
          {...invalid(state, "role")}
        >
          {OPERATOR_ROLES.map((r) => (
            <option key={r} value={r}>
              {roles(r)}
            </option>
          ))}
        </select>
        <FieldError state={state} name="role" />
      </label>
      {role === "ADMINISTRATOR" ? (
        <p className="muted">{t("administratorNoCompany")}</p>
      ) : (
        <label className="field">
          <span>{t("company")}</span>
          {/* keyed by role: switching role offers that role's companies, nothing chosen from the other list */}
          <select
            key={role}
            name="companyId"
            defaultValue={options.some((o) => o.id === defaultCompanyId) ? (defaultCompanyId ?? "") : ""}
            data-testid="operator-company"
            {...invalid(state, "companyId")}
          >
            <option value="">{t("chooseCompany")}</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          {options.length === 0 && <span className="muted">{t("noCompanies")}</span>}
          <FieldError state={state} name="companyId" />
        </label>
      )}
    </>
  );
}
