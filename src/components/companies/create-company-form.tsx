"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { COMPANY_KINDS } from "@/lib/operators";
import { createCompanyAction } from "@/server/companies/actions";
import { useFreshAfterSuccess } from "@/components/ui/use-fresh-after-success";
import { COMPANY_NAME_MAX } from "@/lib/name-limits";

export function CreateCompanyForm() {
  const t = useTranslations("operators.companies");
  const [state, dispatch] = useActionState(createCompanyAction, null);
  const [name, setName] = useState("");
  const generation = useFreshAfterSuccess(state);
  return (
    <ActionForm
      className="form narrow-form"
      aria-labelledby="create-company-title"
      action={(data) => {
        setName(String(data.get("name") ?? "").trim());
        dispatch(data);
      }}
      data-testid="create-company-form"
    >
      <div key={generation} className="form">
        <Field label={t("create.name")} name="name" state={state}>
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="organization"
              maxLength={COMPANY_NAME_MAX}
              data-testid="company-name"
            />
          )}
        </Field>
        <Field label={t("create.kind")} name="kind" state={state}>
          {(control) => (
            <select {...control} defaultValue="partner" data-testid="company-kind">
              {COMPANY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <SubmitButton pendingLabel={t("create.creating")} testId="company-submit">
          {t("create.submit")}
        </SubmitButton>
      </div>
      <FormMessage state={state} success={t("create.created", { name })} testId="company-status" />
    </ActionForm>
  );
}
