"use client";
import { useActionState, type InputHTMLAttributes } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage, invalid, SubmitButton } from "@/components/ui/form";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/password-limits";
import {
  acceptInvitationAction,
  acceptInvitationWithPasswordAction,
  changePasswordAction,
  requestPasswordResetAction,
  resetPasswordAction,
} from "@/server/account/actions";

type State = Parameters<typeof FieldError>[0]["state"];

/** A labelled input with its help and error outside the label, so its name is the label alone. */
function Field({
  name,
  label,
  help,
  state,
  ...input
}: { name: string; label: string; help?: string; state: State } & InputHTMLAttributes<HTMLInputElement>) {
  const id = `field-${name}`;
  const error = invalid(state, name);
  const describedBy =
    [help ? `${id}-help` : "", error["aria-describedby"] ?? ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} {...input} {...error} aria-describedby={describedBy} />
      {help && (
        <small className="muted" id={`${id}-help`}>
          {help}
        </small>
      )}
      <FieldError state={state} name={name} />
    </div>
  );
}

/** A new password twice, with the rules next to it. */
function NewPasswordFields({ state }: { state: State }) {
  const t = useTranslations("account");
  return (
    <>
      <Field
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
      <Field name="confirm" label={t("confirm")} state={state} type="password" autoComplete="new-password" required />
    </>
  );
}

export function ChangePasswordForm() {
  const t = useTranslations("account");
  const [state, action] = useActionState(changePasswordAction, null);
  return (
    <ActionForm action={action} className="form" data-testid="change-password-form">
      <Field
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
      <Field
        name="email"
        label={t("email")}
        state={state}
        type="email"
        autoComplete="username"
        required
        maxLength={254}
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
      <Field
        name="name"
        label={t("name")}
        state={state}
        type="text"
        autoComplete="name"
        required
        maxLength={100}
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
