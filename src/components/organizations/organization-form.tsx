"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import "./organizations.css";
import { describedGroup, Field, FieldError, FieldHint, FormMessage, SubmitButton } from "@/components/ui/form";
import { createOrganizationAction, updateOrganizationAction } from "@/server/organizations/actions";
import { EMAIL_MAX } from "@/lib/email-limits";

export interface OrganizationValues {
  id?: string;
  name: string;
  url: string;
  customerReference: string;
  number: string;
  managedBy: "SERVICE_PROVIDER" | "CUSTOMER";
  partnerCompanyId: string;
  timeZone: string;
  language: "EN" | "DE";
}

/**
 * Create or edit an organization. Administrators choose the partner company; a partner's own
 * is used without asking (`partners` is null), and the server refuses any other. A partner cannot
 * make an organization its customer manages their own to enter.
 */
export function OrganizationForm({
  values,
  partners,
  timeZones,
}: {
  values: OrganizationValues;
  partners: { id: string; name: string }[] | null;
  timeZones: string[];
}) {
  const t = useTranslations("organizations.form");
  const tm = useTranslations("organizations.managedBy");
  const tl = useTranslations("organizations.languages");
  const editing = !!values.id;
  // a partner may give management to the customer, not take it from them (the server says the same)
  const providerLocked = editing && !partners && values.managedBy === "CUSTOMER";
  const [state, action] = useActionState(editing ? updateOrganizationAction : createOrganizationAction, null);
  const text = (
    name: "name" | "url" | "customerReference" | "number",
    options: { type?: string; required?: boolean; maxLength: number; hint?: boolean; autoComplete?: string },
  ) => (
    <Field label={t(name)} name={name} state={state} hint={options.hint ? t(`${name}Hint` as "urlHint") : undefined}>
      {(control) => (
        <input
          {...control}
          type={options.type ?? "text"}
          defaultValue={values[name]}
          required={options.required}
          maxLength={options.maxLength}
          autoComplete={options.autoComplete ?? "off"}
          data-testid={`org-${name}`}
        />
      )}
    </Field>
  );
  return (
    <ActionForm action={action} className="form narrow-form" data-testid="organization-form">
      {editing && <input type="hidden" name="organizationId" value={values.id} />}
      {text("name", { required: true, maxLength: 200, autoComplete: "organization" })}
      {text("url", { type: "url", required: true, maxLength: 500, hint: true, autoComplete: "url" })}
      {text("customerReference", { required: true, maxLength: 64, hint: true })}
      {text("number", { type: "tel", maxLength: 40, hint: true, autoComplete: "tel" })}
      <fieldset className="field" {...describedGroup(state, "managedBy", undefined, providerLocked)}>
        <legend>{t("managedBy")}</legend>
        {(["SERVICE_PROVIDER", "CUSTOMER"] as const).map((m) => (
          <label key={m} className="choice">
            <input
              type="radio"
              name="managedBy"
              value={m}
              defaultChecked={values.managedBy === m}
              disabled={providerLocked && m === "SERVICE_PROVIDER"}
              data-testid={`org-managedBy-${m}`}
            />{" "}
            {tm(m)}
          </label>
        ))}
        {providerLocked && <FieldHint name="managedBy">{t("managedByLocked")}</FieldHint>}
        <FieldError state={state} name="managedBy" />
      </fieldset>
      {partners && (
        <Field label={t("partner")} name="partnerCompanyId" state={state}>
          {(control) => (
            <select {...control} defaultValue={values.partnerCompanyId} required data-testid="org-partner">
              <option value="">{t("choosePartner")}</option>
              {partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={t("timeZone")} name="timeZone" state={state}>
        {(control) => (
          <select {...control} defaultValue={values.timeZone} data-testid="org-timeZone">
            {timeZones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t("language")} name="language" state={state}>
        {(control) => (
          <select {...control} defaultValue={values.language} data-testid="org-language">
            <option value="EN">{tl("EN")}</option>
            <option value="DE">{tl("DE")}</option>
          </select>
        )}
      </Field>
      {!editing && (
        <Field label={t("ownerEmail")} name="ownerEmail" state={state} hint={t("ownerEmailHint")}>
          {(control) => (
            <input {...control} type="email" maxLength={EMAIL_MAX} autoComplete="off" data-testid="org-ownerEmail" />
          )}
        </Field>
      )}
      <FormMessage state={state} success={editing ? t("saved") : undefined} />
      <div>
        <SubmitButton testId="save-organization" pendingLabel={t("saving")}>
          {editing ? t("save") : t("create")}
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
