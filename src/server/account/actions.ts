"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { messageKey } from "@/i18n/keys";
import { accountAction, publicAction } from "@/server/action";
import { newPassword } from "@/server/auth/password-policy";
import { acceptAsSignedIn, acceptWithPassword } from "@/server/invitations/accept";
import { changePassword, requestPasswordReset, resetPassword } from "./password";
import { emailAddress, personName } from "@/lib/text";
import { PERSON_NAME_MAX } from "@/lib/name-limits";
import { inBackground } from "@/lib/background";
import { retryOnConflict } from "@/server/retry";

const token = z.string().min(1).max(100);
const confirmed = <T extends { next: string; confirm: string }>(v: T) => v.next === v.confirm;
const mismatch = { message: messageKey("account.errors.passwordMismatch"), path: ["confirm"] };

/** Account >> Password. Afterwards every session is over, this one too: sign in again. */
export const changePasswordAction = accountAction(
  {
    schema: z
      .object({
        current: z.string().min(1, messageKey("errors.required")).max(200),
        next: newPassword,
        confirm: z.string(),
      })
      .refine(confirmed, mismatch),
    onSuccess: async () => redirect("/sign-in?notice=passwordChanged"),
  },
  async (input, { viewer, sessionId }) => {
    await changePassword(viewer, input, sessionId);
    return null;
  },
);

/** "Forgot password": the same answer whether or not the address has an account. */
export const requestPasswordResetAction = publicAction(
  {
    schema: z.object({
      email: emailAddress(messageKey("account.errors.email")),
    }),
  },
  async (input) => {
    // answered before the work is done: how long it takes would tell whether the address has an account
    inBackground("password-reset", () => retryOnConflict(() => requestPasswordReset(input.email)));
    return { email: input.email };
  },
);

export const resetPasswordAction = publicAction(
  {
    schema: z.object({ token, next: newPassword, confirm: z.string() }).refine(confirmed, mismatch),
    onSuccess: async () => redirect("/sign-in?notice=passwordReset"),
  },
  async (input) => {
    await resetPassword(input.token, input.next);
    return null;
  },
);

const name = personName({ min: 1, max: PERSON_NAME_MAX, tooLong: "account.errors.nameTooLong" });

/** A new account's invitation: name and password, then sign in. */
export const acceptInvitationWithPasswordAction = publicAction(
  {
    schema: z.object({ token, name, next: newPassword, confirm: z.string() }).refine(confirmed, mismatch),
    onSuccess: async () => redirect("/sign-in?notice=passwordSet"),
  },
  async (input) => acceptWithPassword(input.token, { name: input.name, password: input.next }),
);

/** An existing account joins the organization it was invited to. */
export const acceptInvitationAction = accountAction(
  {
    schema: z.object({ token }),
    onSuccess: async (data: { organizationId: string }) => redirect(`/shop/${data.organizationId}`),
  },
  async (input, { viewer }) => acceptAsSignedIn(input.token, viewer),
);
