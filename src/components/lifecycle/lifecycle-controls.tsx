"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { changeServiceStatusAction } from "@/server/lifecycle/actions";
import type { LifecycleAction } from "@/server/lifecycle/transitions";
import { FieldError, FormMessage, SubmitButton } from "@/components/ui/form";

/**
 * Activate at once; suspend and cancel ask for a reason first, and cancel says it is final and
 * asks to confirm. Offered only the actions the current status allows (the server checks again).
 */
export function LifecycleControls({ serviceId, actions, compact = false }: { serviceId: string; actions: LifecycleAction[]; compact?: boolean }) {
  const t = useTranslations("console.lifecycle");
  const [state, dispatch] = useActionState(changeServiceStatusAction, null);
  const [asking, setAsking] = useState<LifecycleAction | null>(null);
  if (actions.length === 0) return compact ? null : <p className="muted">{t("final")}</p>;
  return (
    <div className={compact ? "lifecycle compact" : "lifecycle"} data-testid="lifecycle-controls">
      <ActionForm action={dispatch} className="inline-form">
        <input type="hidden" name="serviceId" value={serviceId} />
        {asking ? (
          <>
            <input type="hidden" name="action" value={asking} />
            {asking === "cancel" && <p className="notice warning" data-testid="cancel-warning">{t("cancelFinal")}</p>}
            <label className="field">
              <span>{t("reason")}</span>
              <input type="text" name="reason" required maxLength={500} data-testid="lifecycle-reason" />
              <FieldError state={state} name="reason" />
            </label>
            <SubmitButton className={asking === "cancel" ? "button danger" : "button primary"} testId={`confirm-${asking}`}>{t(`confirm.${asking}`)}</SubmitButton>
            <button type="button" className="button" onClick={() => setAsking(null)}>{t("back")}</button>
          </>
        ) : (
          actions.map((a) =>
            a === "activate" ? (
              <button key={a} type="submit" name="action" value="activate" className="button primary" data-testid="lifecycle-activate">{t("actions.activate")}</button>
            ) : (
              <button key={a} type="button" className={a === "cancel" ? (compact ? "button danger-outline" : "button danger") : "button"} onClick={() => setAsking(a)} data-testid={`lifecycle-${a}`}>{t(`actions.${a}`)}</button>
            ),
          )
        )}
      </ActionForm>
      <FormMessage state={state} success={state?.ok ? t("changed", { status: state.data.status }) : undefined} />
    </div>
  );
}
