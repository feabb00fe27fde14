"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { saveStorefrontStatusAction } from "@/server/shop/actions";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

export function StorefrontForm({
  shopId,
  open,
  message,
  readOnly,
}: {
  shopId: string;
  open: boolean;
  message: string;
  readOnly: boolean;
}) {
  const t = useTranslations("shop.storefront");
  const [state, action] = useActionState(saveStorefrontStatusAction, null);
  const [isOpen, setOpen] = useState(open);
  return (
    <ActionForm action={action} className="form" data-testid="storefront-form">
      <input type="hidden" name="shopId" value={shopId} />
      <fieldset className="field" disabled={readOnly}>
        <legend>{t("label")}</legend>
        <label>
          <input type="radio" name="storefrontOpen" value="yes" checked={isOpen} onChange={() => setOpen(true)} />{" "}
          {t("open")}
        </label>
        <label>
          <input type="radio" name="storefrontOpen" value="no" checked={!isOpen} onChange={() => setOpen(false)} />{" "}
          {t("closed")}
        </label>
      </fieldset>
      {!isOpen && (
        <Field label={t("message")} name="closedMessage" state={state}>
          {(control) => <textarea {...control} rows={2} maxLength={300} defaultValue={message} disabled={readOnly} />}
        </Field>
      )}
      <FormMessage state={state} success={state?.ok ? t(state.data.open ? "savedOpen" : "savedClosed") : undefined} />
      {!readOnly && (
        <div>
          <SubmitButton testId="save-storefront">{t("save")}</SubmitButton>
        </div>
      )}
    </ActionForm>
  );
}
