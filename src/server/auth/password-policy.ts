import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";
import { messageKey } from "@/i18n/keys";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/password-limits";

// The common-password list of zxcvbn-ts (tens of thousands, most common first), loaded on the
// first password that is set, not at start.
let common: Set<string> | undefined;

/** Whether a password is on the list of passwords people use most (any case). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

/** A new password: long enough, not absurdly long (argon2 input), and not a common one. */
export const newPassword = z
  .string(messageKey("errors.required"))
  .min(PASSWORD_MIN, messageKey("account.errors.passwordTooShort"))
  .max(PASSWORD_MAX, messageKey("account.errors.passwordTooLong"))
  .refine((p) => !isCommonPassword(p), messageKey("account.errors.passwordCommon"));
