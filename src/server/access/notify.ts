import "server-only";
import type { Tx } from "@/server/db";
import type { Locale } from "@/i18n/config";
import { enqueueEmail } from "@/server/mail/outbox";
import { translator } from "@/i18n/translator";
import { renderEmail, type TemplateName, type TemplateValues } from "@/server/mail/templates";

export interface Recipient {
  email: string;
  locale: Locale;
  timeZone: string;
}

/** A date and time in the recipient's language and time zone, for email bodies. */
export function formatInstant(date: Date, recipient: Pick<Recipient, "locale" | "timeZone">): string {
  return new Intl.DateTimeFormat(recipient.locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: recipient.timeZone,
    timeZoneName: "short",
  }).format(date);
}

/** A calendar day in the recipient's language, as the day falls in `timeZone` (a shop's, for its access). */
export function formatDay(date: Date, recipient: Pick<Recipient, "locale">, timeZone: string): string {
  return new Intl.DateTimeFormat(recipient.locale, { dateStyle: "full", timeZone }).format(date);
}

/** A user as an email recipient: their address, language and time zone. */
export const toRecipient = (u: { email: string; locale: "EN" | "DE"; timeZone: string }): Recipient => ({
  email: u.email,
  locale: u.locale === "DE" ? "de" : "en",
  timeZone: u.timeZone,
});

/** The shop's owners who are not disabled, but for `exceptUserId` (the owner who made the change they are told of). */
export async function shopOwners(tx: Tx, organizationId: string, exceptUserId?: string): Promise<Recipient[]> {
  const owners = await tx.membership.findMany({
    where: {
      organizationId,
      role: "OWNER",
      user: { disabledAt: null },
      ...(exceptUserId === undefined ? {} : { userId: { not: exceptUserId } }),
    },
    select: { user: { select: { email: true, locale: true, timeZone: true } } },
  });
  return owners.map((o) => toRecipient(o.user));
}

/**
 * How an email names an operator's side: their partner company, or the platform itself for an
 * administrator (never the shop's partner on an administrator's behalf).
 */
export async function companyNameOf(
  tx: Tx,
  operator: { role: string; partnerCompanyId: string | null },
): Promise<(r: Recipient) => string> {
  const partner =
    operator.role === "PARTNER" && operator.partnerCompanyId
      ? await tx.partnerCompany.findUnique({ where: { id: operator.partnerCompanyId }, select: { name: true } })
      : null;
  return (r) => partner?.name ?? translator(r.locale)("mail.platform");
}

/**
 * Who asked for a remote-support grant, as its emails' recipient while they are still on the
 * grant's side: a partner operator of its partner company, or an administrator for the platform's.
 */
export async function requesterRecipient(
  tx: Tx,
  grant: { requestedById: string; partnerCompanyId: string | null },
): Promise<Recipient[]> {
  const user = await tx.user.findUnique({
    // a requester since moved to another company (or role) is no longer the grant's side: no email
    where: {
      id: grant.requestedById,
      disabledAt: null,
      ...(grant.partnerCompanyId
        ? { role: "PARTNER", partnerCompanyId: grant.partnerCompanyId }
        : { role: "ADMINISTRATOR" }),
    },
    select: { email: true, locale: true, timeZone: true },
  });
  return user ? [toRecipient(user)] : [];
}

/** One email per recipient, each in their own language, into the outbox of the caller's transaction. */
export async function notify<T extends TemplateName>(
  tx: Tx,
  recipients: Recipient[],
  template: T,
  values: (recipient: Recipient) => TemplateValues<T>,
  meta: { kind: string; organizationId?: string | null; linkTokenId?: string; remindsOfGrantId?: string },
): Promise<void> {
  for (const recipient of recipients) {
    const { subject, text } = renderEmail(recipient.locale, template, values(recipient));
    await enqueueEmail(tx, { to: [recipient.email], subject, text, ...meta });
  }
}

/** Whom a remote-support grant lets in, as the emails about it say: a partner's operators, or the platform's administrators. */
export const sideOf = (grant: { partnerCompanyId: string | null }) => (grant.partnerCompanyId ? "company" : "platform");
