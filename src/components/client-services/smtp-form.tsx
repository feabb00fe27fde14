"use client";
import { ActionForm } from "@/components/ui/action-form";
import { errorsOnly, useFlashingAction } from "@/components/ui/flash";
import { useActionState, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { resetSmtpAction, saveSmtpAction, testSmtpAction } from "@/server/smtp-settings/actions";
import type { SmtpView } from "@/server/smtp-settings/store";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

export type SmtpValues = SmtpView;

/**
 * "Use system SMTP" or a custom server. The password never comes back from the server: the form
 * says whether one is stored, and leaving the field blank keeps it.
 */
export function SmtpForm({
  serviceId,
  values,
  readOnly,
  systemLabel,
}: {
  serviceId?: string;
  values: SmtpValues;
  readOnly: boolean;
  systemLabel: string;
}) {
  const t = useTranslations("console.smtp");
  const [custom, setCustom] = useState(values.custom);
  const [saved, save] = useActionState(saveSmtpAction, null);
  const [reset, resetAction] = useFlashingAction(resetSmtpAction, () => t("resetDone"));
  const [tested, test] = useActionState(testSmtpAction, null);
  // the test's answer as one message: sent, refused by the server, or a form-level error (a bad
  // address is the field's); a new object per answer only, so the focus moves once per answer
  const testOutcome = useMemo(() => {
    if (!tested || (!tested.ok && tested.fieldErrors)) return null;
    if (!tested.ok || tested.data.sent) return tested;
    return { ok: false as const, error: t("testFailed", { error: tested.data.error }) };
  }, [tested, t]);
  const errors = tested && !tested.ok ? tested : saved;
  const field = (name: "host" | "port" | "username" | "fromAddress", type = "text") => (
    <Field label={t(name)} name={name} state={errors}>
      {(control) => (
        <input
          {...control}
          type={type}
          defaultValue={String(values[name])}
          disabled={readOnly}
          data-testid={`smtp-${name}`}
        />
      )}
    </Field>
  );
  return (
    <ActionForm
      action={(data) =>
        data.get("intent") === "test" ? test(data) : data.get("intent") === "reset" ? resetAction(data) : save(data)
      }
      className="form narrow-form"
      data-testid="smtp-form"
    >
      {serviceId && <input type="hidden" name="serviceId" value={serviceId} />}
      <fieldset className="field" disabled={readOnly}>
        <legend>{t("mode")}</legend>
        <label>
          <input
            type="radio"
            name="mode"
            checked={!custom}
            onChange={() => setCustom(false)}
            data-testid="smtp-mode-system"
          />{" "}
          {systemLabel}
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={custom}
            onChange={() => setCustom(true)}
            data-testid="smtp-mode-custom"
          />{" "}
          {t("custom")}
        </label>
      </fieldset>
      {!custom && values.custom && !readOnly && (
        <div>
          <button type="submit" name="intent" value="reset" className="button" data-testid="use-system-smtp">
            {t("useSystem")}
          </button>
          <FormMessage state={errorsOnly(reset)} />
        </div>
      )}
      {custom && (
        <>
          {field("host")}
          {field("port", "number")}
          <Field label={t("security")} name="security" state={errors}>
            {(control) => (
              <select {...control} defaultValue={values.security} disabled={readOnly} data-testid="smtp-security">
                {(["NONE", "STARTTLS", "TLS"] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`securities.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {field("username")}
          <Field
            label={t("password")}
            name="password"
            state={errors}
            hint={
              <span data-testid="password-state">{values.passwordSet ? t("passwordSet") : t("passwordNotSet")}</span>
            }
          >
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="new-password"
                disabled={readOnly}
                placeholder={values.passwordSet ? t("passwordKept") : ""}
                data-testid="smtp-password"
              />
            )}
          </Field>
          {field("fromAddress", "email")}
          {!readOnly && (
            <>
              <FormMessage state={saved} success={t("saved")} />
              <div>
                <SubmitButton testId="save-smtp">{t("save")}</SubmitButton>
              </div>
              <fieldset className="field">
                <legend>{t("testTitle")}</legend>
                <Field label={t("testTo")} name="testTo" state={tested}>
                  {(control) => <input {...control} type="email" data-testid="smtp-test-to" />}
                </Field>
                <div>
                  <button type="submit" name="intent" value="test" className="button" data-testid="send-test-email">
                    {t("sendTest")}
                  </button>
                </div>
                <FormMessage
                  state={testOutcome}
                  success={tested?.ok && tested.data.sent ? t("testSent", { to: tested.data.to }) : undefined}
                  testId="test-result"
                />
              </fieldset>
            </>
          )}
        </>
      )}
    </ActionForm>
  );
}
