"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { inviteOperatorAction } from "@/server/operators/actions";
import { RoleCompanyFields, type CompanyChoices } from "./role-company-fields";
import { useFreshAfterSuccess } from "@/components/ui/use-fresh-after-success";
import { EMAIL_MAX } from "@/lib/email-limits";
import { PERSON_NAME_MAX } from "@/lib/name-limits";

export function InviteOperatorForm({
  companies,
  defaultLanguage,
}: {
  companies: CompanyChoices;
  defaultLanguage: "EN" | "DE";
}) {
  const t = useTranslations("operators.invite");
  const languages = useTranslations("common.languages");
  const [state, dispatch] = useActionState(inviteOperatorAction, null);
  const [email, setEmail] = useState("");
  const generation = useFreshAfterSuccess(state);
  return (
    <ActionForm
      className="form narrow-form"
      aria-labelledby="invite-title"
      action={(data) => {
        setEmail(String(data.get("email") ?? "").trim());
        dispatch(data);
      }}
      data-testid="invite-operator-form"
    >
      <div key={generation} className="form">
        <Field label={t("name")} name="name" state={state}>
          {(control) => (
            <input {...control} type="text" autoComplete="off" maxLength={PERSON_NAME_MAX} data-testid="invite-name" />
          )}
        </Field>
        <Field label={t("email")} name="email" state={state}>
          {(control) => (
            <input {...control} type="email" autoComplete="off" maxLength={EMAIL_MAX} data-testid="invite-email" />
          )}
        </Field>
        <RoleCompanyFields companies={companies} state={state} />
        <Field label={t("language")} name="language" state={state}>
          {(control) => (
            <select {...control} defaultValue={defaultLanguage}>
              <option value="EN" lang="en">
                {languages("en")}
              </option>
              <option value="DE" lang="de">
                {languages("de")}
              </option>
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <SubmitButton pendingLabel={t("sending")} testId="invite-submit">
          {t("submit")}
        </SubmitButton>
      </div>
      <FormMessage state={state} success={t("sent", { email })} testId="invite-status" />
    </ActionForm>
  );
}
