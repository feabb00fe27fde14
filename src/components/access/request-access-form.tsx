"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useTranslations } from "next-intl";
import { errorsOnly, useFlashingAction } from "@/components/ui/flash";
import { requestRemoteSupportAction } from "@/server/access/remote-support-actions";
import { DurationSelect } from "@/components/access/decision-forms";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { OpenForm } from "@/components/ui/open-form";

/** "Request access": a duration from the choices and an optional note for the approver. */
export function RequestAccessForm({ shopId, available }: { shopId: string; available: boolean }) {
  const t = useTranslations("console.remoteSupport");
  // the row turns "pending" with the refresh the request causes, and the form leaves it: the
  // confirmation is flashed in the layout's live region, which takes the focus
  const [state, action] = useFlashingAction(requestRemoteSupportAction, () => t("requested"));
  if (!available) return null;
  return (
    <OpenForm summary={t("request")} testId="request-access">
      <ActionForm action={action} className="form">
        <input type="hidden" name="shopId" value={shopId} />
        <Field label={t("duration")} name="minutes" state={state}>
          {(control) => <DurationSelect {...control} />}
        </Field>
        <Field label={t("note")} name="note" state={state}>
          {(control) => <textarea {...control} rows={2} maxLength={500} />}
        </Field>
        <FormMessage state={errorsOnly(state)} />
        <div>
          <SubmitButton testId="submit-request">{t("submit")}</SubmitButton>
        </div>
      </ActionForm>
    </OpenForm>
  );
}
