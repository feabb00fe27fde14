"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { textOr } from "@/i18n/keys";
import { ActionForm } from "@/components/ui/action-form";
import { addAddOnAction, removeAddOnAction } from "@/server/add-ons/actions";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { errorsOnly, useFlashingAction } from "@/components/ui/flash";

export function AddAddOnForm({
  shopId,
  serviceId,
  products,
}: {
  shopId: string;
  serviceId: string;
  products: string[];
}) {
  const t = useTranslations("shop.services");
  const [state, dispatch] = useActionState(addAddOnAction, null);
  if (products.length === 0) return null;
  return (
    <ActionForm action={dispatch} className="inline-form" data-testid="add-add-on">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="serviceId" value={serviceId} />
      <select name="productCode" aria-label={t("product")} data-testid="add-on-product">
        {products.map((p) => (
          <option key={p} value={p}>
            {textOr(t, `products.${p}`, p)}
          </option>
        ))}
      </select>
      <SubmitButton testId="add-add-on-submit">{t("add")}</SubmitButton>
      <FormMessage state={state} success={t("added")} />
    </ActionForm>
  );
}

export function RemoveAddOnForm({ shopId, addOnId }: { shopId: string; addOnId: string }) {
  const t = useTranslations("shop.services");
  // the add-on's line goes with it: the answer is flashed in the layout, which takes the focus
  const [state, dispatch] = useFlashingAction(removeAddOnAction, () => t("removed"));
  return (
    <ActionForm action={dispatch} className="inline-form">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="addOnId" value={addOnId} />
      <SubmitButton className="button" testId="remove-add-on">
        {t("remove")}
      </SubmitButton>
      <FormMessage state={errorsOnly(state)} />
    </ActionForm>
  );
}
