"use server";
import { z } from "zod";
import { consoleAction } from "@/server/action";
import { UserError } from "@/server/user-error";
import { actorOf } from "@/server/audit/record";
import { retryEmail, retryFailedEmails } from "@/server/mail/outbox";

export const retryEmailAction = consoleAction(
  { schema: z.object({ id: z.uuid() }), permission: "outbox.retry", revalidate: "/console/settings/outbox" },
  async ({ id }, { operator }) => {
    const outcome = await retryEmail(id, actorOf(operator));
    if (outcome === "linkClosed") throw new UserError("admin.outbox.retryLinkClosed");
    if (outcome === "reminderObsolete") throw new UserError("admin.outbox.retryReminderObsolete");
    if (outcome === "requestSettled") throw new UserError("admin.outbox.retryRequestSettled");
    if (outcome === "notRetryable") throw new UserError("admin.outbox.retryNotPossible");
    return null;
  },
);

/** Every failed message sent again: after an outage, one press instead of one per message. */
export const retryFailedEmailsAction = consoleAction(
  { schema: z.object({}), permission: "outbox.retry", revalidate: "/console/settings/outbox" },
  async (_input, { operator }) => {
    const { count, left } = await retryFailedEmails(actorOf(operator));
    // what is left failed then carries links that no longer work
    if (count === 0) throw new UserError(left > 0 ? "admin.outbox.noneRetryable" : "admin.outbox.noneFailed");
    return { count };
  },
);
