"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { endSessionByShopAction } from "@/server/access/actions";
import { FormMessage, SubmitButton } from "@/components/ui/form";

export function EndSessionButton({ shopId, sessionId }: { shopId: string; sessionId: string }) {
  const t = useTranslations("shop.serviceAccess");
  const [state, action] = useActionState(endSessionByShopAction, null);
  return (
    <ActionForm action={action}>
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="sessionId" value={sessionId} />
      <SubmitButton className="button danger" testId="end-session">{t("endSession")}</SubmitButton>
      <FormMessage state={state} />
    </ActionForm>
  );
}
