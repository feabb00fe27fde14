"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useActionState, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { endMySupportSessionAction } from "@/server/access/actions";
import { FormMessage, SubmitButton } from "@/components/ui/form";

function remaining(ms: number) {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** On every back-office page while an operator is inside: whose, how granted, time left, "End session". */
export function SupportBanner({
  shopName,
  grantedHow,
  endsAt,
  initialMsLeft,
}: {
  shopName: string;
  grantedHow: string;
  endsAt: string | null;
  initialMsLeft: number | null;
}) {
  const t = useTranslations("shop.banner");
  const router = useRouter();
  const [state, action] = useActionState(endMySupportSessionAction, null);
  // the server's figure for the first render (so it matches the HTML), the browser's clock after
  const [left, setLeft] = useState<number | null>(initialMsLeft);

  useEffect(() => {
    if (!endsAt) return;
    const timer = setInterval(() => {
      const ms = new Date(endsAt).getTime() - Date.now();
      setLeft(ms);
      // the server refuses the next request; reload now so the operator sees why at once
      if (ms <= 0) {
        clearInterval(timer);
        router.refresh();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [endsAt, router]);

  const r = left === null ? null : remaining(left);
  return (
    <div className="support-banner" role="region" aria-label={t("label")} data-testid="support-banner">
      <strong>{t("inside", { shop: shopName })}</strong>
      <span>{grantedHow}</span>
      {r && <span data-testid="time-left">{t("timeLeft", r)}</span>}
      <ActionForm action={action}>
        <SubmitButton className="button" testId="banner-end-session">
          {t("end")}
        </SubmitButton>
        <FormMessage state={state} />
      </ActionForm>
    </div>
  );
}
