"use client";
import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Field, SubmitButton } from "@/components/ui/form";
import { inviteMemberAction } from "@/server/members/actions";
import { ROLES } from "./roles";
import { EMAIL_MAX } from "@/lib/email-limits";

export function InviteForm({ shopId, validDays }: { shopId: string; validDays: number }) {
  const t = useTranslations("members");
  const tr = useTranslations("nav.membership");
  const [state, invite] = useActionState(inviteMemberAction, null);
  const result = useRef<HTMLParagraphElement>(null);
  const email = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!state) return;
    if (state.ok) email.current?.form?.reset();
    // a wrong address is fixed in its field; any other outcome is read from the message
    if (!state.ok && state.fieldErrors?.email) email.current?.focus();
    else result.current?.focus();
  }, [state]);
  return (
    <ActionForm action={invite} className="form" data-testid="invite-form" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t("invite.heading")}</h2>
      <p className="muted" id="invite-hint">
        {t("invite.hint", { days: validDays })}
      </p>
      <input type="hidden" name="shopId" value={shopId} />
      <Field label={t("invite.email")} name="email" state={state}>
        {(control) => (
          <input
            {...control}
            ref={email}
            type="email"
            autoComplete="off"
            required
            maxLength={EMAIL_MAX}
            data-testid="invite-email"
          />
        )}
      </Field>
      <Field
        label={t("invite.role")}
        name="role"
        state={state}
        hint={
          <ul className="role-help">
            {ROLES.map((role) => (
              <li key={role}>{t(`roleHelp.${role}`)}</li>
            ))}
          </ul>
        }
      >
        {(control) => (
          <select {...control} defaultValue="MEMBER" data-testid="invite-role">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {tr(role)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div>
        <SubmitButton testId="invite-submit">{t("invite.submit")}</SubmitButton>
      </div>
      <div role="status" aria-live="polite">
        <p
          ref={result}
          tabIndex={-1}
          className={state ? (state.ok ? "form-success" : "form-error") : undefined}
          data-testid="invite-result"
        >
          {state ? (state.ok ? t("invite.sent", { email: state.data.email }) : state.error) : null}
        </p>
      </div>
    </ActionForm>
  );
}
