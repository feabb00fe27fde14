"use client";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { errorsOnly, useFlashingAction } from "@/components/ui/flash";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { inviteOwnerAction, withdrawOwnerInvitationAction } from "@/server/organizations/actions";
import { EMAIL_MAX } from "@/lib/email-limits";

/** An organization without an owner who can sign in: its managing operators invite one. */
export function OwnerInviteForm({ organizationId, validDays }: { organizationId: string; validDays: number }) {
  const t = useTranslations("organizations.owner");
  // the page refreshes with the new invitation in its table: the answer is flashed in the layout
  const [state, invite] = useFlashingAction(inviteOwnerAction, (d) => t("sent", { email: d.email }));
  const email = useRef<HTMLInputElement>(null);
  // a wrong address is fixed in its field; any other refusal is read from the message
  const fieldError = !!state && !state.ok && !!state.fieldErrors?.email;
  useEffect(() => {
    if (state?.ok) email.current?.form?.reset();
    else if (fieldError) email.current?.focus();
  }, [state, fieldError]);
  return (
    <ActionForm
      action={invite}
      className="form"
      noValidate
      data-testid="owner-invite-form"
      aria-labelledby="owner-invite-heading"
    >
      <h3 id="owner-invite-heading">{t("heading")}</h3>
      <p className="muted">{t("hint", { days: validDays })}</p>
      <input type="hidden" name="organizationId" value={organizationId} />
      <Field label={t("email")} name="email" state={state}>
        {(control) => (
          <input
            {...control}
            ref={email}
            type="email"
            autoComplete="off"
            maxLength={EMAIL_MAX}
            data-testid="owner-invite-email"
          />
        )}
      </Field>
      <div>
        <SubmitButton testId="owner-invite-submit">{t("submit")}</SubmitButton>
      </div>
      <FormMessage state={fieldError ? null : errorsOnly(state)} />
    </ActionForm>
  );
}

export function WithdrawOwnerInvitationForm({
  organizationId,
  invitationId,
  email,
}: {
  organizationId: string;
  invitationId: string;
  email: string;
}) {
  const t = useTranslations("organizations.owner");
  // the row goes with the invitation: the answer is flashed in the layout
  const [state, withdraw] = useFlashingAction(withdrawOwnerInvitationAction, (d) => t("withdrawn", { email: d.email }));
  return (
    <ActionForm action={withdraw} data-testid="withdraw-owner-invitation-form">
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <SubmitButton className="button danger-outline" testId="withdraw-owner-invitation">
        <span aria-hidden="true">{t("withdraw")}</span>
        <span className="sr-only">{t("withdrawLabel", { email })}</span>
      </SubmitButton>
      <FormMessage state={errorsOnly(state)} />
    </ActionForm>
  );
}
