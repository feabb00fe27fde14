"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/server/action";
import { retryEmailAction, retryFailedEmailsAction } from "@/server/mail/actions";

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

/**
 * Every failed message at once, with how many went: its answer takes the focus (FormMessage) and
 * stays when the page, refreshed, has no failed message left (so the form is there without one).
 */
export function RetryFailedButton({ failed }: { failed: number }) {
  const t = useTranslations("admin.outbox");
  const [state, action] = useActionState<ActionResult<{ count: number }> | null, FormData>(
    retryFailedEmailsAction,
    null,
  );
  return (
    <ActionForm action={action} className="inline-form">
      {/* the count comes with the action's answer (the page is refreshed with it): the button
          goes with the last failed message and comes back with the next one */}
      {failed > 0 && (
        <SubmitButton className="button" pendingLabel={t("retryingFailed")} testId="outbox-retry-failed">
          {t("retryFailed", { count: failed })}
        </SubmitButton>
      )}
      <FormMessage
        state={state}
        success={state?.ok && state.data ? t("retriedFailed", { count: state.data.count }) : undefined}
        testId="outbox-retry-failed-message"
      />
    </ActionForm>
  );
}
