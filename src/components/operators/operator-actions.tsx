"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { OpenForm } from "@/components/ui/open-form";
import type { OperatorRole } from "@/lib/operators";
import {
  disableOperatorAction,
  enableOperatorAction,
  resendOperatorInvitationAction,
  updateOperatorAction,
} from "@/server/operators/actions";
import { RoleCompanyFields, type CompanyChoices } from "./role-company-fields";

interface Props {
  operator: {
    id: string;
    name: string;
    role: OperatorRole;
    companyId: string | null;
    disabled: boolean;
    /** has not set a password yet: the invitation can be sent again */
    invited: boolean;
  };
  companies: CompanyChoices;
}

/**
 * Per operator: change role or company, send an unaccepted invitation again, disable (after
 * confirming) or re-enable; one live region for the outcome.
 */
export function OperatorActions({ operator, companies }: Props) {
  const t = useTranslations("operators");
  const [edited, edit] = useActionState(updateOperatorAction, null);
  const [disabled, disable] = useActionState(disableOperatorAction, null);
  const [enabled, enable] = useActionState(enableOperatorAction, null);
  const [resent, resend] = useActionState(resendOperatorInvitationAction, null);
  const [last, setLast] = useState<"edit" | "disable" | "enable" | "resend" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const disableButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // keyboard and screen-reader users land on the question, and back on the button after cancelling
  useEffect(() => {
    if (confirming) question.current?.focus();
    else if (wasConfirming.current) disableButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const run = (which: NonNullable<typeof last>, dispatch: (data: FormData) => void) => (data: FormData) => {
    setLast(which);
    dispatch(data);
  };
  const name = operator.name;
  const state = { edit: edited, disable: disabled, enable: enabled, resend: resent, none: null }[last ?? "none"];
  let success: string | undefined;
  if (last === "edit" && edited?.ok) {
    success = !edited.data.changed
      ? t("edit.unchanged")
      : edited.data.endedSessions > 0
        ? t("edit.savedEnded", { name, count: edited.data.endedSessions })
        : t("edit.saved", { name });
  } else if (last === "disable" && disabled?.ok) {
    success =
      disabled.data.endedSessions > 0
        ? t("disable.doneEnded", { name, count: disabled.data.endedSessions })
        : t("disable.done", { name });
  } else if (last === "enable" && enabled?.ok) {
    success = t("enable.done", { name });
  } else if (last === "resend" && resent?.ok) {
    success = t("resend.done", { name });
  }

  return (
    <div className="operator-actions" data-testid={`operator-actions-${operator.id}`}>
      <OpenForm
        summary={
          <>
            <span aria-hidden="true">{t("edit.toggle")}</span>
            <span className="sr-only">{t("edit.toggleLabel", { name })}</span>
          </>
        }
        summaryClassName="button"
      >
        <ActionForm action={run("edit", edit)} className="form">
          <input type="hidden" name="userId" value={operator.id} />
          <RoleCompanyFields
            companies={companies}
            defaultRole={operator.role}
            defaultCompanyId={operator.companyId}
            state={last === "edit" ? edited : null}
          />
          <div className="row">
            <SubmitButton pendingLabel={t("edit.saving")} testId="operator-save">
              {t("edit.save")}
            </SubmitButton>
          </div>
        </ActionForm>
      </OpenForm>
      {operator.invited && (
        <ActionForm action={run("resend", resend)}>
          <input type="hidden" name="userId" value={operator.id} />
          <SubmitButton className="button" pendingLabel={t("resend.sending")} testId="operator-resend">
            <span aria-hidden="true">{t("resend.button")}</span>
            <span className="sr-only">{t("resend.buttonLabel", { name })}</span>
          </SubmitButton>
        </ActionForm>
      )}
      {operator.disabled ? (
        <ActionForm action={run("enable", enable)}>
          <input type="hidden" name="userId" value={operator.id} />
          <SubmitButton className="button" pendingLabel={t("enable.enabling")} testId="operator-enable">
            <span aria-hidden="true">{t("enable.button")}</span>
            <span className="sr-only">{t("enable.buttonLabel", { name })}</span>
          </SubmitButton>
        </ActionForm>
      ) : confirming ? (
        <ActionForm action={run("disable", disable)} className="confirm">
          <input type="hidden" name="userId" value={operator.id} />
          <p ref={question} tabIndex={-1}>
            {t("disable.confirm", { name })}
          </p>
          <div className="row">
            <SubmitButton
              className="button danger"
              pendingLabel={t("disable.disabling")}
              testId="operator-disable-confirm"
            >
              {t("disable.confirmButton")}
            </SubmitButton>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t("disable.cancel")}
            </button>
          </div>
        </ActionForm>
      ) : (
        <button
          ref={disableButton}
          type="button"
          className="button danger-outline"
          onClick={() => setConfirming(true)}
          data-testid="operator-disable"
        >
          <span aria-hidden="true">{t("disable.button")}</span>
          <span className="sr-only">{t("disable.buttonLabel", { name })}</span>
        </button>
      )}
      <FormMessage state={state} success={success} testId={`operator-status-${operator.id}`} />
    </div>
  );
}
