"use server";
import { z } from "zod";
import { consoleAction } from "@/server/action";
import { UserError } from "@/server/user-error";
import { actorOf } from "@/server/audit/record";
import { retryEmail, retryFailedEmails } from "@/server/mail/outbox";

export const retryEmailAction = consoleAction(
  { schema: z.object({ id: z.uuid() }), permission: "outbox.retry", revalidate: "/console/settings/outbox" },
  async ({ id }, { operator }) => {
    const retried = await retryEmail(id, actorOf(operator));
    if (!retried) throw new UserError("admin.outbox.retryNotPossible");
    return null;
  },
);

/** Every failed message sent again: after an outage, one press instead of one per message. */
export const retryFailedEmailsAction = consoleAction(
  { schema: z.object({}), permission: "outbox.retry", revalidate: "/console/settings/outbox" },
  async (_input, { operator }) => {
    const count = await retryFailedEmails(actorOf(operator));
    if (count === 0) throw new UserError("admin.outbox.noneFailed");
    return { count };
  },
);
