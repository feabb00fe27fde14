"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { requestRemoteSupportAction } from "@/server/access/remote-support-actions";
import { DurationSelect } from "@/components/access/decision-forms";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form";
import { OpenForm } from "@/components/ui/open-form";

/** "Request access": a duration from the choices and an optional note for the approver. */
export function RequestAccessForm({ shopId, available }: { shopId: string; available: boolean }) {
  const t = useTranslations("console.remoteSupport");
  const [state, action] = useActionState(requestRemoteSupportAction, null);
  // rendered for every row, so the confirmation stays when the row turns "pending" on refresh
  if (state?.ok)
    return (
      <p className="form-success" role="status" data-testid="request-sent">
        {t("requested")}
      </p>
    );
  if (!available) return null;
  return (
    <OpenForm summary={t("request")} testId="request-access">
      <ActionForm action={action} className="form">
        <input type="hidden" name="shopId" value={shopId} />
        <label className="field">
          <span>{t("duration")}</span>
          <DurationSelect />
        </label>
        <FieldError state={state} name="minutes" />
        <label className="field">
          <span>{t("note")}</span>
          <textarea name="note" rows={2} maxLength={500} />
          <FieldError state={state} name="note" />
        </label>
        <FormMessage state={state} />
        <div>
          <SubmitButton testId="submit-request">{t("submit")}</SubmitButton>
        </div>
      </ActionForm>
    </OpenForm>
  );
}
