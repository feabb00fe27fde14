"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { OpenForm } from "@/components/ui/open-form";
import type { CompanyKind } from "@/lib/operators";
import { renameCompanyAction } from "@/server/companies/actions";
import { COMPANY_NAME_MAX } from "@/lib/name-limits";

/** A company's row: its new name, behind a button; its operators, shops and services stay with it. */
export function RenameCompanyForm({ company }: { company: { id: string; kind: CompanyKind; name: string } }) {
  const t = useTranslations("operators.companies");
  const [state, dispatch] = useActionState(renameCompanyAction, null);
  const [name, setName] = useState(company.name);
  return (
    <OpenForm
      summary={
        <>
          <span aria-hidden="true">{t("rename.toggle")}</span>
          <span className="sr-only">{t("rename.toggleLabel", { name: company.name })}</span>
        </>
      }
      summaryClassName="button"
      testId={`company-rename-${company.id}`}
    >
      <ActionForm
        className="form"
        action={(data) => {
          setName(String(data.get("name") ?? "").trim());
          dispatch(data);
        }}
      >
        <input type="hidden" name="id" value={company.id} />
        <input type="hidden" name="kind" value={company.kind} />
        <Field label={t("rename.name")} name="name" state={state}>
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="organization"
              maxLength={COMPANY_NAME_MAX}
              defaultValue={company.name}
              data-testid="company-rename-name"
            />
          )}
        </Field>
        <div className="row">
          <SubmitButton pendingLabel={t("rename.saving")} testId="company-rename-save">
            {t("rename.save")}
          </SubmitButton>
        </div>
        <FormMessage
          state={state}
          success={t("rename.done", { name })}
          testId={`company-rename-status-${company.id}`}
        />
      </ActionForm>
    </OpenForm>
  );
}
