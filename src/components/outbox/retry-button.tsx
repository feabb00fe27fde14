"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/server/action";
import { retryEmailAction } from "@/server/mail/actions";

export function RetryButton({ id }: { id: string }) {
  const t = useTranslations("admin.outbox");
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(retryEmailAction, null);
  return (
    <ActionForm action={action}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button" disabled={pending || state?.ok} data-testid="outbox-retry">
        {pending ? t("retrying") : t("retry")}
      </button>
      {state && (
        <p className={state.ok ? "form-success" : "form-error"} role="status">
          {state.ok ? t("retried") : state.error}
        </p>
      )}
    </ActionForm>
  );
}
