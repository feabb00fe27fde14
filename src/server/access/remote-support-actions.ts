"use server";
import { z } from "zod";
import { messageKey } from "@/i18n/keys";
import { consoleAction, shopAction } from "@/server/action";
import { isDurationChoice } from "@/lib/durations";
import { decideRemoteSupport, requestRemoteSupport } from "./remote-support";
import { digits, multiLine, singleLine } from "@/lib/text";

// its digits, one of the choices: "0x3c" or "6e1" is no duration, whatever Number() makes of it
const minutes = digits("console.remoteSupport.errors.duration").refine(
  isDurationChoice,
  messageKey("console.remoteSupport.errors.duration"),
);
const reason = singleLine({ max: 500, tooLong: "shop.remoteSupport.errors.reasonTooLong" }).optional().default("");
const ids = { shopId: z.uuid(), grantId: z.uuid() };

/** Console: ask the owners of a customer-managed organization for remote support. */
export const requestRemoteSupportAction = consoleAction(
  {
    schema: z.object({
      shopId: z.uuid(),
      minutes,
      note: multiLine({ max: 500, tooLong: "console.remoteSupport.errors.noteTooLong" }).optional().default(""),
    }),
    permission: "remote-support.request",
    revalidate: "/console/support-hub/remote-support",
  },
  async (input, { operator }) => requestRemoteSupport(operator, input),
);

/** Back office: the owner approves, optionally for another of the allowed durations. */
export const approveRemoteSupportAction = shopAction(
  { schema: z.object({ ...ids, minutes }), permission: "remote-support.decide", revalidate: "/shop/[shopId]" },
  async (input, { access }) => decideRemoteSupport(access, input.grantId, { kind: "approve", minutes: input.minutes }),
);

export const rejectRemoteSupportAction = shopAction(
  { schema: z.object({ ...ids, reason }), permission: "remote-support.decide", revalidate: "/shop/[shopId]" },
  async (input, { access }) => decideRemoteSupport(access, input.grantId, { kind: "reject", reason: input.reason }),
);

/** Revoking ends the sessions in progress at once. */
export const revokeRemoteSupportAction = shopAction(
  { schema: z.object({ ...ids, reason }), permission: "remote-support.decide", revalidate: "/shop/[shopId]" },
  async (input, { access }) => decideRemoteSupport(access, input.grantId, { kind: "revoke", reason: input.reason }),
);
