"use server";
import { z } from "zod";
import { emailAddress } from "@/lib/text";
import { messageKey } from "@/i18n/keys";
import { consoleAction } from "@/server/action";
import { UserError } from "@/server/user-error";
import { actorOf, record } from "@/server/audit/record";
import { findServiceFor } from "@/server/client-services/access";
import { holdServiceForWrite, refuseCancelled } from "@/server/client-services/hold-service";
import { prisma } from "@/server/db";
import { sendTestEmail } from "@/server/mail/transport";
import type { Operator } from "@/server/viewer";
import { checkSmtpForm, configFromForm, resetSmtp, saveSmtp, smtpFields, type SmtpTarget } from "./store";

const target = { serviceId: z.uuid().optional() };

async function resolve(
  operator: Operator,
  serviceId: string | undefined,
): Promise<{ target: SmtpTarget; organizationId: string | null }> {
  if (!serviceId) return { target: { kind: "system" }, organizationId: null };
  const service = await findServiceFor(operator, serviceId);
  if (!service) throw new UserError("errors.forbidden");
  refuseCancelled(service);
  return { target: { kind: "service", serviceId: service.id }, organizationId: service.organizationId };
}
const audited = (t: SmtpTarget) =>
  t.kind === "service" ? { type: "client-service", id: t.serviceId } : { type: "platform", id: "system-smtp" };

/** Saves a custom SMTP server (a client service's, or the system's). The password is encrypted at rest. */
export const saveSmtpAction = consoleAction(
  { schema: z.object({ ...target, ...smtpFields }), permission: "general-config.edit", revalidate: "/console" },
  async ({ serviceId, ...form }, { operator }) => {
    const { target: t, organizationId } = await resolve(operator, serviceId);
    await checkSmtpForm(form);
    await prisma.$transaction(async (tx) => {
      if (t.kind === "service") await holdServiceForWrite(tx, t.serviceId);
      const { passwordChanged } = await saveSmtp(tx, t, form, operator.id);
      await record(tx, {
        actor: actorOf(operator),
        organizationId,
        action: "smtp.saved",
        target: audited(t),
        details: { host: form.host, port: form.port, security: form.security, passwordChanged },
      });
    });
    return null;
  },
);

/** "Use system SMTP": back to the default. */
export const resetSmtpAction = consoleAction(
  { schema: z.object(target), permission: "general-config.edit", revalidate: "/console" },
  async ({ serviceId }, { operator }) => {
    const { target: t, organizationId } = await resolve(operator, serviceId);
    await prisma.$transaction(async (tx) => {
      if (t.kind === "service") await holdServiceForWrite(tx, t.serviceId);
      if (await resetSmtp(tx, t))
        await record(tx, { actor: actorOf(operator), organizationId, action: "smtp.reset", target: audited(t) });
    });
    return null;
  },
);

/**
 * "Send test email": a real message through the configuration in the form, saved or not. Every
 * attempt is audited, since it makes the server connect where the form says.
 */
export const testSmtpAction = consoleAction(
  {
    schema: z.object({
      ...target,
      ...smtpFields,
      testTo: emailAddress(messageKey("console.smtp.errors.testTo")),
    }),
    permission: "general-config.edit",
  },
  async ({ serviceId, testTo, ...form }, { operator, locale }) => {
    const { target: t, organizationId } = await resolve(operator, serviceId);
    const result = await sendTestEmail(await configFromForm(t, form), testTo, locale);
    const outcome = result.ok
      ? { sent: true }
      : { sent: false, failure: result.failure, ...(result.replyCode ? { replyCode: result.replyCode } : {}) };
    await record(prisma, {
      actor: actorOf(operator),
      organizationId,
      action: "smtp.tested",
      target: audited(t),
      details: { host: form.host, port: form.port, security: form.security, ...outcome },
    });
    if (!result.ok && result.refused) {
      throw new UserError("errors.checkFields", undefined, {
        [result.refused]: `console.smtp.errors.${result.refused === "host" ? "hostNotAllowed" : "portNotAllowed"}`,
      });
    }
    return result.ok ? { sent: true as const, to: testTo } : { sent: false as const, error: result.error };
  },
);
