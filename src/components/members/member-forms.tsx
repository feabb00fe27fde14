"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { MembershipRole } from "@/generated/prisma/enums";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/form";
import {
  changeMemberRoleAction,
  leaveShopAction,
  removeMemberAction,
  revokeInvitationAction,
} from "@/server/members/actions";
import { useAnnouncedAction } from "./announcer";
import { ROLES } from "./roles";

/** A member's role, changed in place; the outcome goes to the page's result line. */
export function RoleForm({
  shopId,
  membershipId,
  name,
  role,
}: {
  shopId: string;
  membershipId: string;
  name: string;
  role: MembershipRole;
}) {
  const t = useTranslations("members");
  const tr = useTranslations("nav.membership");
  const [, change] = useAnnouncedAction(changeMemberRoleAction, (d) =>
    d.changed ? t("changeRole.done", { name: d.name, role: tr(d.role) }) : t("changeRole.unchanged", { name: d.name }),
  );
  const selectId = `role-${membershipId}`;
  return (
    <ActionForm action={change} className="inline-form" data-testid="role-form">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <label htmlFor={selectId} className="sr-only">
        {t("changeRole.label", { name })}
      </label>
      {/* keyed by the stored role: when it changes (here or by another owner) the select shows it */}
      <select id={selectId} key={role} name="role" defaultValue={role} data-testid="role-select">
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {tr(r)}
          </option>
        ))}
      </select>
      <SubmitButton className="button" testId="role-submit">
        {t("changeRole.submit")}
      </SubmitButton>
    </ActionForm>
  );
}

/** Remove in two steps: the button asks "Remove <name>?", then confirm or cancel. */
export function RemoveForm({
  shopId,
  membershipId,
  name,
  self,
}: {
  shopId: string;
  membershipId: string;
  name: string;
  self: boolean;
}) {
  const t = useTranslations("members");
  const [, remove] = useAnnouncedAction(removeMemberAction, (d) => t("remove.done", { name: d.name }));
  return (
    <TwoSteps
      action={remove}
      fields={{ shopId, membershipId }}
      testId="remove"
      words={{
        button: t("remove.button"),
        buttonLabel: t("remove.buttonLabel", { name }),
        question: self ? t("remove.confirmSelf") : t("remove.confirm", { name }),
        note: self ? undefined : t("remove.keepsAccount"),
        yes: t("remove.yes"),
        cancel: t("remove.cancel"),
      }}
    />
  );
}

/** A member who does not manage the shop leaves it themselves, in the same two steps. */
export function LeaveForm({ shopId }: { shopId: string }) {
  const t = useTranslations("members");
  // a member who left is sent to their start page; only a refusal is announced here
  const [, leave] = useAnnouncedAction(leaveShopAction, () => "");
  return (
    <TwoSteps
      action={leave}
      fields={{ shopId }}
      testId="leave"
      words={{
        button: t("leave.button"),
        buttonLabel: t("leave.buttonLabel"),
        question: t("leave.confirm"),
        yes: t("leave.yes"),
        cancel: t("leave.cancel"),
      }}
    />
  );
}

/**
 * A button that asks first: the question takes the focus when it opens, and the button gets it
 * back when the question is cancelled.
 */
function TwoSteps({
  action,
  fields,
  testId,
  words,
}: {
  action: (data: FormData) => void;
  fields: Record<string, string>;
  testId: string;
  words: { button: string; buttonLabel: string; question: string; note?: string; yes: string; cancel: string };
}) {
  const [asking, setAsking] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    // focus follows the step: onto the question when it opens, back to the button when cancelled
    if (asking) question.current?.focus();
    else if (wasAsking.current) opener.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button
        ref={opener}
        type="button"
        className="button danger-outline"
        aria-label={words.buttonLabel}
        onClick={() => setAsking(true)}
        data-testid={testId}
      >
        {words.button}
      </button>
    );
  }
  return (
    <ActionForm
      action={(data) => {
        setAsking(false);
        action(data);
      }}
      className="confirm"
      data-testid={`${testId}-confirm`}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p ref={question} tabIndex={-1}>
        <strong>{words.question}</strong>
      </p>
      {words.note && <p className="muted">{words.note}</p>}
      <div className="row">
        <SubmitButton className="button danger" testId={`${testId}-yes`}>
          {words.yes}
        </SubmitButton>
        <button type="button" className="button" onClick={() => setAsking(false)} data-testid={`${testId}-cancel`}>
          {words.cancel}
        </button>
      </div>
    </ActionForm>
  );
}

export function RevokeInvitationForm({
  shopId,
  invitationId,
  email,
}: {
  shopId: string;
  invitationId: string;
  email: string;
}) {
  const t = useTranslations("members");
  const [, revoke] = useAnnouncedAction(revokeInvitationAction, (d) => t("revoke.done", { email: d.email }));
  return (
    <ActionForm action={revoke} data-testid="revoke-invitation-form">
      <input type="hidden" name="shopId" value={shopId} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <SubmitButton className="button danger-outline" testId="revoke-invitation">
        <span aria-hidden="true">{t("revoke.button")}</span>
        <span className="sr-only">{t("revoke.buttonLabel", { email })}</span>
      </SubmitButton>
    </ActionForm>
  );
}
