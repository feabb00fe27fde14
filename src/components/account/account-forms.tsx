"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage, invalid, SubmitButton } from "@/components/ui/form";
import {
  acceptInvitationAction,
  acceptInvitationWithPasswordAction,
  changePasswordAction,
  requestPasswordResetAction,
  resetPasswordAction,
} from "@/server/account/actions";

type State = Parameters<typeof FieldError>[0]["state"];

/** A new password twice, with the rules next to it. */
function NewPasswordFields({ state }: { state: State }) {
  const t = useTranslations("account");
  return (
    <>
      <label className="field">
        <span>{t("next")}</span>
        <input name="next" type="password" autoComplete="new-password" required minLength={12} maxLength={200} aria-describedby="password-help" {...invalid(state, "next")} />
        <small className="muted" id="password-help">{t("passwordHelp")}</small>
        <FieldError state={state} name="next" />
      </label>
      <label className="field">
        <span>{t("confirm")}</span>
        <input name="confirm" type="password" autoComplete="new-password" required {...invalid(state, "confirm")} />
        <FieldError state={state} name="confirm" />
      </label>
    </>
  );
}

export function ChangePasswordForm() {
  const t = useTranslations("account");
  const [state, action] = useActionState(changePasswordAction, null);
  return (
    <ActionForm action={action} className="form" data-testid="change-password-form">
      <label className="field">
        <span>{t("current")}</span>
        <input name="current" type="password" autoComplete="current-password" required {...invalid(state, "current")} />
        <FieldError state={state} name="current" />
      </label>
      <NewPasswordFields state={state} />
      <FormMessage state={state} />
      <div><SubmitButton pendingLabel={t("saving")}>{t("changeSubmit")}</SubmitButton></div>
    </ActionForm>
  );
}

export function ForgotPasswordForm() {
  const t = useTranslations("account");
  const [state, action] = useActionState(requestPasswordResetAction, null);
  return (
    <ActionForm action={action} className="form" data-testid="forgot-password-form">
      <label className="field">
        <span>{t("email")}</span>
        <input name="email" type="email" autoComplete="username" required maxLength={254} {...invalid(state, "email")} />
        <FieldError state={state} name="email" />
      </label>
      <FormMessage state={state} success={state?.ok ? t("forgot.sent", { email: state.data.email }) : undefined} />
      <div><SubmitButton>{t("forgot.submit")}</SubmitButton></div>
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
      <div><SubmitButton pendingLabel={t("saving")}>{t("reset.submit")}</SubmitButton></div>
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
      <label className="field">
        <span>{t("name")}</span>
        <input name="name" type="text" autoComplete="name" required maxLength={100} defaultValue={name} {...invalid(state, "name")} />
        <FieldError state={state} name="name" />
      </label>
      <NewPasswordFields state={state} />
      <FormMessage state={state} />
      <div><SubmitButton pendingLabel={t("saving")}>{t("invitation.setPasswordSubmit")}</SubmitButton></div>
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
      <div><SubmitButton>{t("invitation.accept")}</SubmitButton></div>
    </ActionForm>
  );
}
