"use client";
import { ActionForm } from "@/components/ui/action-form";
import { errorsOnly, useFlashingAction } from "@/components/ui/flash";
import type { SelectHTMLAttributes } from "react";
import { useLocale, useTranslations } from "next-intl";
import {
  approveRemoteSupportAction,
  rejectRemoteSupportAction,
  revokeRemoteSupportAction,
} from "@/server/access/remote-support-actions";
import { DURATION_CHOICES, formatDuration } from "@/lib/durations";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";

/** The durations access can be asked or approved for; the rest are a Field's (id, name, aria). */
export function DurationSelect({
  defaultValue,
  ...select
}: { defaultValue?: number | null } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "defaultValue">) {
  const locale = useLocale();
  return (
    <select {...select} defaultValue={String(defaultValue ?? 240)}>
      {DURATION_CHOICES.map((m) => (
        <option key={m} value={m}>
          {formatDuration(m, locale)}
        </option>
      ))}
    </select>
  );
}

/** Approve (with the requested duration preselected, any allowed one possible) or reject. */
export function DecideForms({
  shopId,
  grantId,
  requestedMinutes,
}: {
  shopId: string;
  grantId: string;
  requestedMinutes: number | null;
}) {
  const t = useTranslations("shop.remoteSupport");
  const [approved, approve] = useFlashingAction(approveRemoteSupportAction, (d) => t(`done.${d.status}`));
  const [rejected, reject] = useFlashingAction(rejectRemoteSupportAction, (d) => t(`done.${d.status}`));
  return (
    <div className="decide">
      <ActionForm action={approve} className="inline-form" data-testid="approve-form">
        <input type="hidden" name="shopId" value={shopId} />
        <input type="hidden" name="grantId" value={grantId} />
        <Field label={t("approveFor")} name="minutes" state={approved}>
          {(control) => <DurationSelect {...control} defaultValue={requestedMinutes} />}
        </Field>
        <SubmitButton testId="approve">{t("approve")}</SubmitButton>
        <FormMessage state={errorsOnly(approved)} />
      </ActionForm>
      <ActionForm action={reject} className="inline-form" data-testid="reject-form">
        <input type="hidden" name="shopId" value={shopId} />
        <input type="hidden" name="grantId" value={grantId} />
        <Field label={t("rejectReason")} name="reason" state={rejected}>
          {(control) => <input {...control} type="text" maxLength={500} />}
        </Field>
        <SubmitButton className="button" testId="reject">
          {t("reject")}
        </SubmitButton>
        <FormMessage state={errorsOnly(rejected)} />
      </ActionForm>
    </div>
  );
}

export function RevokeForm({ shopId, grantId }: { shopId: string; grantId: string }) {
  const t = useTranslations("shop.remoteSupport");
  const [state, revoke] = useFlashingAction(revokeRemoteSupportAction, (d) => t(`done.${d.status}`));
  return (
    <ActionForm action={revoke} className="inline-form" data-testid="revoke-form">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="grantId" value={grantId} />
      <Field label={t("revokeReason")} name="reason" state={state}>
        {(control) => <input {...control} type="text" maxLength={500} />}
      </Field>
      <SubmitButton className="button danger" testId="revoke">
        {t("revoke")}
      </SubmitButton>
      <FormMessage state={errorsOnly(state)} />
    </ActionForm>
  );
}
