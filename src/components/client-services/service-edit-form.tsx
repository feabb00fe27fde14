"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { updateServiceAction } from "@/server/client-services/actions";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

export function ServiceEditForm({
  serviceId,
  alias,
  configLanguage,
}: {
  serviceId: string;
  alias: string;
  configLanguage: "EN" | "DE";
}) {
  const t = useTranslations("console.serviceDetails");
  const tl = useTranslations("console.clientServices.languages");
  const [state, action] = useActionState(updateServiceAction, null);
  return (
    <ActionForm action={action} className="form narrow-form" data-testid="service-edit-form">
      <input type="hidden" name="serviceId" value={serviceId} />
      <Field label={t("alias")} name="alias" state={state}>
        {(control) => <input {...control} defaultValue={alias} maxLength={100} required />}
      </Field>
      <Field label={t("configLanguage")} name="configLanguage" state={state}>
        {(control) => (
          <select {...control} defaultValue={configLanguage}>
            <option value="EN">{tl("EN")}</option>
            <option value="DE">{tl("DE")}</option>
          </select>
        )}
      </Field>
      <FormMessage state={state} success={t("saved")} />
      <div>
        <SubmitButton testId="save-service">{t("save")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
