"use client";
import { ActionForm } from "@/components/ui/action-form";
import { errorsOnly, useFlashingAction } from "@/components/ui/flash";
import { useTranslations } from "next-intl";
import { endSessionByShopAction } from "@/server/access/actions";
import { FormMessage, SubmitButton } from "@/components/ui/form";

export function EndSessionButton({ shopId, sessionId }: { shopId: string; sessionId: string }) {
  const t = useTranslations("shop.serviceAccess");
  // the row goes with the session: the answer is flashed in the layout
  const [state, action] = useFlashingAction(endSessionByShopAction, () => t("sessionEnded"));
  return (
    <ActionForm action={action}>
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="sessionId" value={sessionId} />
      <SubmitButton className="button danger" testId="end-session">
        {t("endSession")}
      </SubmitButton>
      <FormMessage state={errorsOnly(state)} />
    </ActionForm>
  );
}
