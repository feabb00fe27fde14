"use server";
import { z } from "zod";
import { messageKey } from "@/i18n/keys";
import { consoleAction } from "@/server/action";
import { translator } from "@/i18n/translator";
import { OPERATOR_ROLES } from "@/lib/operators";
import { disableOperator, enableOperator, inviteOperatorBy, resendInvitation, updateOperator } from "./operators";
import { emailAddress, personName } from "@/lib/text";
import { PERSON_NAME_MAX } from "@/lib/name-limits";

const REVALIDATE = "/console/settings";
const role = z.enum(OPERATOR_ROLES, messageKey("operators.errors.role"));
// an empty select means "no company"; the role decides whether that is allowed
const companyId = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.uuid(messageKey("operators.errors.company")).optional(),
);
const userId = z.object({ userId: z.uuid() });

export const inviteOperatorAction = consoleAction(
  {
    schema: z.object({
      name: personName({ min: 1, max: PERSON_NAME_MAX, tooLong: "operators.errors.nameTooLong" }),
      email: emailAddress(messageKey("operators.errors.email")).transform((v) => v.toLowerCase()),
      role,
      companyId,
      language: z.enum(["EN", "DE"], messageKey("errors.invalidField")),
    }),
    permission: "operators.manage",
    revalidate: REVALIDATE,
  },
  async (input, { operator, locale }) => inviteOperatorBy(operator, input, translator(locale)("common.appName")),
);

export const updateOperatorAction = consoleAction(
  { schema: userId.extend({ role, companyId }), permission: "operators.manage", revalidate: REVALIDATE },
  async (input, { operator }) => updateOperator(operator, input),
);

export const disableOperatorAction = consoleAction(
  { schema: userId, permission: "operators.manage", revalidate: REVALIDATE },
  async (input, { operator }) => disableOperator(operator, input.userId),
);

export const enableOperatorAction = consoleAction(
  { schema: userId, permission: "operators.manage", revalidate: REVALIDATE },
  async (input, { operator }) => enableOperator(operator, input.userId),
);

/** "Send invitation again": a new link for an operator who has not set a password yet. */
export const resendOperatorInvitationAction = consoleAction(
  { schema: userId, permission: "operators.manage", revalidate: REVALIDATE },
  async (input, { operator, locale }) => resendInvitation(operator, input.userId, translator(locale)("common.appName")),
);
