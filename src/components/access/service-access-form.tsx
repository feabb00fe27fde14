"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { saveServiceAccessAction } from "@/server/access/actions";
import { describedGroup, Field, FieldError, FormMessage, SubmitButton } from "@/components/ui/form";

interface Props {
  shopId: string;
  isOpen: boolean;
  /** yyyy-MM-dd: current end date when open, else the suggestion */
  until: string;
  min: string;
  max: string;
  /** how many days ahead access may be opened at most */
  maxDays: number;
  scope: "VIEW_ONLY" | "VIEW_AND_CHANGE";
}

export function ServiceAccessForm({ shopId, isOpen, until, min, max, maxDays, scope }: Props) {
  const t = useTranslations("shop.serviceAccess");
  const [state, action] = useActionState(saveServiceAccessAction, null);
  const [open, setOpen] = useState(isOpen ? "yes" : "no");
  const success = state?.ok ? t(`saved.${state.data.state}`, { count: state.data.endedSessions }) : undefined;
  return (
    <ActionForm action={action} className="form" data-testid="service-access-form">
      <input type="hidden" name="shopId" value={shopId} />
      <fieldset className="field">
        <legend>{t("option")}</legend>
        <label>
          <input type="radio" name="open" value="yes" checked={open === "yes"} onChange={() => setOpen("yes")} />{" "}
          {t("yes")}
        </label>
        <label>
          <input type="radio" name="open" value="no" checked={open === "no"} onChange={() => setOpen("no")} /> {t("no")}
        </label>
      </fieldset>
      {open === "yes" ? (
        <>
          <Field label={t("until")} name="until" state={state} hint={t("untilHelp", { days: maxDays })}>
            {(control) => <input {...control} type="date" defaultValue={until} min={min} max={max} required />}
          </Field>
          <fieldset className="field" {...describedGroup(state, "scope")}>
            <legend>{t("scope")}</legend>
            <label>
              <input type="radio" name="scope" value="VIEW_ONLY" defaultChecked={scope === "VIEW_ONLY"} />{" "}
              {t("scopes.VIEW_ONLY")}
            </label>
            <label>
              <input type="radio" name="scope" value="VIEW_AND_CHANGE" defaultChecked={scope === "VIEW_AND_CHANGE"} />{" "}
              {t("scopes.VIEW_AND_CHANGE")}
            </label>
            <FieldError state={state} name="scope" />
          </fieldset>
        </>
      ) : (
        isOpen && (
          <fieldset className="field">
            <legend>{t("sessionsInProgress")}</legend>
            <label>
              <input type="radio" name="sessions" value="END_NOW" defaultChecked /> {t("sessions.END_NOW")}
            </label>
            <label>
              <input type="radio" name="sessions" value="LET_FINISH" /> {t("sessions.LET_FINISH")}
            </label>
          </fieldset>
        )
      )}
      <FormMessage state={state} success={success} />
      <div>
        <SubmitButton testId="save-service-access">{t("save")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
