"use client";
import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { changeServiceStatusAction } from "@/server/lifecycle/actions";
import type { LifecycleAction } from "@/server/lifecycle/transitions";
import type { ActionResult } from "@/server/action";
import type { ServiceStatus } from "@/generated/prisma/enums";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

type LifecycleTranslations = ReturnType<typeof useTranslations<"console.lifecycle">>;

interface Props {
  serviceId: string;
  /** the status shown, which the actions are offered for: the server refuses them once it changed */
  status: ServiceStatus;
  actions: LifecycleAction[];
}

/**
 * Activate at once; suspend and cancel ask for a reason first, and cancel says it is final and
 * asks to confirm. Offered only the actions the current status allows (the server checks again).
 * A change that succeeds closes the question: the page then shows the new status and its actions.
 */
export function LifecycleControls(props: Props) {
  const t = useTranslations("console.lifecycle");
  return <Controls {...props} t={t} compact={false} />;
}

/**
 * The same on a list's row, narrower: until a question is asked there is no form, only buttons.
 * The list passes its rows one translator of "console.lifecycle": 50 rows making one each cost 2 %
 * of the server's time under load.
 */
export function RowLifecycleControls(props: Props & { t: LifecycleTranslations }) {
  return <Controls {...props} compact />;
}

function Controls({ serviceId, status, actions, compact, t }: Props & { compact: boolean; t: LifecycleTranslations }) {
  const [asking, setAsking] = useState<LifecycleAction | null>(null);
  const [state, dispatch] = useActionState(
    async (previous: ActionResult<{ status: ServiceStatus }> | null, data: FormData) => {
      const result = await changeServiceStatusAction(previous, data);
      if (result?.ok) setAsking(null);
      return result;
    },
    null,
  );
  const [activating, startTransition] = useTransition();
  // a question closed without an answer (Back, Escape) gives the focus back to the button that
  // asked it; one answered gives it to the answer (FormMessage)
  const openers = useRef(new Map<LifecycleAction, HTMLButtonElement>());
  const returnTo = useRef<LifecycleAction | null>(null);
  useEffect(() => {
    if (asking || !returnTo.current) return;
    openers.current.get(returnTo.current)?.focus();
    returnTo.current = null;
  }, [asking]);
  const close = () => {
    returnTo.current = asking;
    setAsking(null);
  };
  if (actions.length === 0) return compact ? null : <p className="muted">{t("final")}</p>;
  const activate = () => {
    const data = new FormData();
    data.set("serviceId", serviceId);
    data.set("action", "activate");
    data.set("from", status);
    startTransition(() => dispatch(data));
  };
  const buttons = actions.map((a) => (
    <button
      key={a}
      ref={(element) => {
        if (element) openers.current.set(a, element);
      }}
      type="button"
      className={
        a === "activate"
          ? "button primary"
          : a === "cancel"
            ? compact
              ? "button danger-outline"
              : "button danger"
            : "button"
      }
      aria-disabled={activating || undefined}
      onClick={activating ? undefined : a === "activate" ? activate : () => setAsking(a)}
      data-testid={compact ? undefined : `lifecycle-${a}`}
    >
      {t(`actions.${a}`)}
    </button>
  ));
  // a list's row: only its buttons until one is pressed
  if (compact && !asking && !state) return buttons;
  return (
    <div
      className={compact ? "lifecycle compact" : "lifecycle"}
      data-testid={compact ? undefined : "lifecycle-controls"}
    >
      {asking ? (
        <ActionForm
          action={dispatch}
          className="inline-form"
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            event.preventDefault();
            close();
          }}
        >
          <input type="hidden" name="serviceId" value={serviceId} />
          <input type="hidden" name="action" value={asking} />
          <input type="hidden" name="from" value={status} />
          {asking === "cancel" && (
            <p className="notice warning" data-testid="cancel-warning">
              {t("cancelFinal")}
            </p>
          )}
          {/* each row's question has a reason field of its own (Field's ids), described by its own message */}
          <Field label={t("reason")} name="reason" state={state} hint={t("reasonHint")}>
            {(control) => (
              <input {...control} type="text" required maxLength={500} data-testid="lifecycle-reason" autoFocus />
            )}
          </Field>
          <SubmitButton
            className={asking === "cancel" ? "button danger" : "button primary"}
            testId={`confirm-${asking}`}
          >
            {t(`confirm.${asking}`)}
          </SubmitButton>
          <button type="button" className="button" onClick={close}>
            {t("back")}
          </button>
        </ActionForm>
      ) : (
        buttons
      )}
      <FormMessage state={state} success={state?.ok ? t("changed", { status: state.data.status }) : undefined} />
    </div>
  );
}
