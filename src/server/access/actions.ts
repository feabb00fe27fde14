"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { messageKey } from "@/i18n/keys";
import { consoleAction, shopAction } from "@/server/action";
import { UserError } from "@/server/user-error";
import { actorOf } from "@/server/audit/record";
import { env } from "@/server/env";
import { closeServiceAccess, openServiceAccess } from "./service-access";
import { endSupportSession, REASON_MAX, REASON_MIN, startSupportSession } from "./sessions";
import { auditActorOf } from "./audit-actor";
import { isUuid } from "@/lib/ids";
import { supportSessionCookie } from "./session-cookie";
import { singleLine } from "@/lib/text";
import { holdShopForWrite } from "./hold-shop";

const shopId = z.uuid(messageKey("errors.invalidField"));

const serviceAccessSchema = z.discriminatedUnion(
  "open",
  [
    z.object({
      shopId,
      open: z.literal("yes"),
      until: z
        .string(messageKey("shop.serviceAccess.errors.invalidDate"))
        .min(1, messageKey("shop.serviceAccess.errors.invalidDate")),
      scope: z.enum(["VIEW_ONLY", "VIEW_AND_CHANGE"], messageKey("errors.required")),
    }),
    z.object({ shopId, open: z.literal("no"), sessions: z.enum(["END_NOW", "LET_FINISH"]).default("END_NOW") }),
  ],
  messageKey("errors.required"),
);

/** Settings >> General Settings >> Status: "Service access" Yes (until, scope) or No (sessions). */
export const saveServiceAccessAction = shopAction(
  { schema: serviceAccessSchema, permission: "service-access.manage", revalidate: "/shop/[shopId]" },
  async (input, { access }) => {
    if (input.open === "yes") {
      const result = await openServiceAccess(access, { until: input.until, scope: input.scope });
      return { state: result.state, endedSessions: 0 };
    }
    const result = await closeServiceAccess(access, input.sessions);
    return {
      state: result.closed ? ("closed" as const) : ("alreadyClosed" as const),
      endedSessions: result.endedSessions,
    };
  },
);

/** The merchant ends one support session in progress. */
export const endSessionByShopAction = shopAction(
  { schema: z.object({ shopId, sessionId: z.uuid() }), permission: "sessions.end", revalidate: "/shop/[shopId]" },
  async (input, { access }) => {
    const ended = await endSupportSession(
      { sessionId: input.sessionId, organizationId: access.organization.id },
      auditActorOf(access).actor,
      "MERCHANT_ENDED",
      (tx) => holdShopForWrite(tx, access, "sessions.end"),
    );
    // a session of another shop, or one already over, is not this shop's to end
    if (!ended) throw new UserError("errors.notFound");
    return null;
  },
);

const startSchema = z.object({
  shopId,
  reason: singleLine({
    min: REASON_MIN,
    max: REASON_MAX,
    tooShort: "console.sessions.errors.reasonTooShort",
    tooLong: "console.sessions.errors.reasonTooLong",
  }),
  via: z.enum(["SERVICE_ACCESS", "REMOTE_SUPPORT"]),
});

// set and deleted with the same attributes: a browser ignores a `__Host-` cookie without Secure
function cookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env().NEXTAUTH_URL?.startsWith("https://") ?? false,
  } as const;
}

async function enterBackOffice(data: { sessionId: string; shopId: string }) {
  (await cookies()).set(supportSessionCookie(), data.sessionId, cookieOptions());
  redirect(`/shop/${data.shopId}`);
}

/** "Open back office" / "Log in to support": starts a support session and enters the shop. */
export const startSupportSessionAction = consoleAction(
  { schema: startSchema, permission: "support-session.start", onSuccess: enterBackOffice },
  async (input, { operator, supportSessionId, signInId }) =>
    startSupportSession(operator, input, { currentSessionId: supportSessionId, signInId }),
);

async function backToConsole() {
  (await cookies()).delete({ name: supportSessionCookie(), ...cookieOptions() });
  redirect("/console?ended=OPERATOR_ENDED");
}

/** The banner's "End session": the operator leaves the back office. */
export const endMySupportSessionAction = consoleAction(
  { schema: z.object({}), permission: "console.view", onSuccess: backToConsole },
  async (_input, { operator, supportSessionId }) => {
    if (isUuid(supportSessionId)) {
      await endSupportSession(
        { sessionId: supportSessionId, operatorId: operator.id },
        actorOf(operator),
        "OPERATOR_ENDED",
      );
    }
    return null;
  },
);
