"use client";
import { ActionForm } from "@/components/ui/action-form";
import { errorsOnly, useFlashingAction } from "@/components/ui/flash";
import { useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import {
  approveRemoteSupportAction,
  rejectRemoteSupportAction,
  revokeRemoteSupportAction,
} from "@/server/access/remote-support-actions";
import { DURATION_CHOICES, formatDuration } from "@/lib/durations";
import { FieldError, FormMessage, SubmitButton, invalid } from "@/components/ui/form";

export function DurationSelect({ name = "minutes", defaultValue }: { name?: string; defaultValue?: number | null }) {
  const locale = useLocale();
  return (
    <select name={name} defaultValue={String(defaultValue ?? 240)}>
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
  // a page can hold several requests' forms: each field is described by its own message
  const scope = useId();
  return (
    <div className="decide">
      <ActionForm action={approve} className="inline-form" data-testid="approve-form">
        <input type="hidden" name="shopId" value={shopId} />
        <input type="hidden" name="grantId" value={grantId} />
        <label className="field">
          <span>{t("approveFor")}</span>
          <DurationSelect defaultValue={requestedMinutes} />
        </label>
        <SubmitButton testId="approve">{t("approve")}</SubmitButton>
        <FieldError state={approved} name="minutes" scope={scope} />
        <FormMessage state={errorsOnly(approved)} />
      </ActionForm>
      <ActionForm action={reject} className="inline-form" data-testid="reject-form">
        <input type="hidden" name="shopId" value={shopId} />
        <input type="hidden" name="grantId" value={grantId} />
        <label className="field">
          <span>{t("rejectReason")}</span>
          <input type="text" name="reason" maxLength={500} {...invalid(rejected, "reason", scope)} />
        </label>
        <SubmitButton className="button" testId="reject">
          {t("reject")}
        </SubmitButton>
        <FieldError state={rejected} name="reason" scope={scope} />
        <FormMessage state={errorsOnly(rejected)} />
      </ActionForm>
    </div>
  );
}

export function RevokeForm({ shopId, grantId }: { shopId: string; grantId: string }) {
  const t = useTranslations("shop.remoteSupport");
  const [state, revoke] = useFlashingAction(revokeRemoteSupportAction, (d) => t(`done.${d.status}`));
  const scope = useId();
  return (
    <ActionForm action={revoke} className="inline-form" data-testid="revoke-form">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="grantId" value={grantId} />
      <label className="field">
        <span>{t("revokeReason")}</span>
        <input type="text" name="reason" maxLength={500} {...invalid(state, "reason", scope)} />
      </label>
      <SubmitButton className="button danger" testId="revoke">
        {t("revoke")}
      </SubmitButton>
      <FieldError state={state} name="reason" scope={scope} />
      <FormMessage state={errorsOnly(state)} />
    </ActionForm>
  );
}
