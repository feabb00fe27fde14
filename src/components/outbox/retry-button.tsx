"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/server/action";
import { retryEmailAction } from "@/server/mail/actions";

export function RetryButton({ id }: { id: string }) {
  const t = useTranslations("admin.outbox");
  const [state, action] = useActionState<ActionResult | null, FormData>(retryEmailAction, null);
  return (
    <ActionForm action={action}>
      <input type="hidden" name="id" value={id} />
      {/* once queued again, there is nothing more to retry: the button goes and the answer stays */}
      {!state?.ok && (
        <SubmitButton className="button" pendingLabel={t("retrying")} testId="outbox-retry">
          {t("retry")}
        </SubmitButton>
      )}
      <FormMessage state={state} success={t("retried")} />
    </ActionForm>
  );
}
