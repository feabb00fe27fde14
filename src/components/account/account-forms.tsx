"use client";
import { useActionState, type InputHTMLAttributes } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Field, FieldError, FormMessage, SubmitButton } from "@/components/ui/form";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/password-limits";
import {
  acceptInvitationAction,
  acceptInvitationWithPasswordAction,
  changePasswordAction,
  requestPasswordResetAction,
  resetPasswordAction,
} from "@/server/account/actions";
import { EMAIL_MAX } from "@/lib/email-limits";
import { PERSON_NAME_MAX } from "@/lib/name-limits";

type State = Parameters<typeof FieldError>[0]["state"];

/** An input of these forms, as a Field: named by its label, described by its help and its error. */
function Input({
  name,
  label,
  help,
  state,
  ...input
}: { name: string; label: string; help?: string; state: State } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} name={name} state={state} hint={help}>
      {(control) => <input {...input} {...control} />}
    </Field>
  );
}

/** A new password twice, with the rules next to it. */
function NewPasswordFields({ state }: { state: State }) {
  const t = useTranslations("account");
  return (
    <>
      <Input
        name="next"
        label={t("next")}
        help={t("passwordHelp", { min: PASSWORD_MIN })}
        state={state}
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        maxLength={PASSWORD_MAX}
      />
      <Input name="confirm" label={t("confirm")} state={state} type="password" autoComplete="new-password" required />
    </>
  );
}

export function ChangePasswordForm() {
  const t = useTranslations("account");
  const [state, action] = useActionState(changePasswordAction, null);
  return (
    <ActionForm action={action} className="form" data-testid="change-password-form">
      <Input
        name="current"
        label={t("current")}
        state={state}
        type="password"
        autoComplete="current-password"
        required
      />
      <NewPasswordFields state={state} />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t("saving")}>{t("changeSubmit")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function ForgotPasswordForm() {
  const t = useTranslations("account");
  const [state, action] = useActionState(requestPasswordResetAction, null);
  return (
    <ActionForm action={action} className="form" data-testid="forgot-password-form">
      <Input
        name="email"
        label={t("email")}
        state={state}
        type="email"
        autoComplete="username"
        required
        maxLength={EMAIL_MAX}
      />
      <FormMessage state={state} success={state?.ok ? t("forgot.sent", { email: state.data.email }) : undefined} />
      <div>
        <SubmitButton>{t("forgot.submit")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("account");
  const [state, action] = useActionState(resetPasswordAction, null);
  return (
    <ActionForm action={action} className="form" data-testid="reset-password-form">
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields state={state} />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t("saving")}>{t("reset.submit")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function InvitationPasswordForm({ token, email, name }: { token: string; email: string; name: string }) {
  const t = useTranslations("account");
  const [state, action] = useActionState(acceptInvitationWithPasswordAction, null);
  return (
    <ActionForm action={action} className="form" data-testid="invitation-form">
      <input type="hidden" name="token" value={token} />
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Input
        name="name"
        label={t("name")}
        state={state}
        type="text"
        autoComplete="name"
        required
        maxLength={PERSON_NAME_MAX}
        defaultValue={name}
      />
      <NewPasswordFields state={state} />
      <FormMessage state={state} />
      <div>
        <SubmitButton pendingLabel={t("saving")}>{t("invitation.setPasswordSubmit")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations("account");
  const [state, action] = useActionState(acceptInvitationAction, null);
  return (
    <ActionForm action={action} className="form" data-testid="accept-invitation-form">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <div>
        <SubmitButton>{t("invitation.accept")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
