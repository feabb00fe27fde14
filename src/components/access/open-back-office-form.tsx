"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { startSupportSessionAction } from "@/server/access/actions";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { OpenForm } from "@/components/ui/open-form";

/** Asks for the reason (a ticket number, at least 10 characters), then enters the back office. */
export function OpenBackOfficeForm({
  shopId,
  via,
  label,
}: {
  shopId: string;
  via: "SERVICE_ACCESS" | "REMOTE_SUPPORT";
  label: string;
}) {
  const t = useTranslations("console.sessions");
  const [state, action] = useActionState(startSupportSessionAction, null);
  return (
    <OpenForm summary={label} testId="open-back-office">
      <ActionForm action={action} className="form">
        <input type="hidden" name="shopId" value={shopId} />
        <input type="hidden" name="via" value={via} />
        <Field label={t("reason")} name="reason" state={state}>
          {(control) => (
            <input
              {...control}
              type="text"
              required
              minLength={10}
              maxLength={500}
              placeholder={t("reasonPlaceholder")}
            />
          )}
        </Field>
        <FormMessage state={state} />
        <div>
          <SubmitButton testId="start-session">{t("start")}</SubmitButton>
        </div>
      </ActionForm>
    </OpenForm>
  );
}
