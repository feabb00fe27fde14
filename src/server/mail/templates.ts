import "server-only";
import type { Locale } from "@/i18n/config";
import { translator } from "@/i18n/translator";

// Each template's placeholders, so a caller that forgets one fails to compile instead of sending
// "{shopName}". Optional ones read "(none)" when left out. Values are plain strings: callers
// format dates and durations in the recipient's language and time zone.
const templates = {
  supportSessionStarted: { required: ["operatorName", "partnerName", "shopName", "startedAt"], optional: ["reason"] },
  // open: "yes" when support opened the shop for its customers, "no" when it closed it
  storefrontChangedInSession: {
    required: ["operatorName", "partnerName", "shopName", "open"],
    optional: ["message"],
  },
  serviceAccessExpiresSoon: { required: ["shopName", "until", "zone"], optional: [] },
  // changed: "yes" when it was open already and now has another end or scope; scope in words
  serviceAccessOpened: { required: ["actorName", "shopName", "until", "zone", "scope", "changed"], optional: [] },
  // sessions: "finish" when those in progress may finish, "ended" when they were ended
  serviceAccessClosed: { required: ["actorName", "shopName", "sessions"], optional: [] },
  remoteSupportRequested: { required: ["operatorName", "partnerName", "shopName", "duration"], optional: ["note"] },
  // overridden: "yes" when the owner chose another duration than requestedDuration
  // side, here and below: "platform" for a grant of the platform's administrators, "company" for a partner's
  remoteSupportApproved: {
    required: ["ownerName", "shopName", "duration", "until", "requestedDuration", "overridden", "side"],
    optional: [],
  },
  remoteSupportLapsed: { required: ["shopName", "requestedAt", "hours"], optional: [] },
  remoteSupportRejected: { required: ["ownerName", "shopName"], optional: ["reason"] },
  remoteSupportRevoked: { required: ["ownerName", "shopName", "side"], optional: ["reason"] },
  // to the shop's other owners, all asked: decision "approved", "rejected" or "revoked"
  remoteSupportDecidedByOwner: {
    required: ["ownerName", "operatorName", "partnerName", "shopName", "decision", "duration", "until", "side"],
    optional: ["reason"],
  },
  // pending: "yes" for a request nobody had answered, "no" for an approved grant
  remoteSupportEndedByMove: { required: ["shopName", "partnerName", "pending"], optional: [] },
  remoteSupportExpiresSoon: { required: ["shopName", "until", "side"], optional: [] },
  remoteSupportExpired: { required: ["shopName", "until", "side"], optional: [] },
  serviceStatusChanged: { required: ["serviceName", "shopName", "status"], optional: ["reason"] },
  // managedBy, here and below: "provider" when the shop's partner now manages it, "customer" when its owners do
  shopMovedToPartner: { required: ["shopName", "partnerName", "previousPartnerName", "managedBy"], optional: [] },
  shopManagementChanged: { required: ["shopName", "partnerName", "managedBy"], optional: [] },
  smtpTest: { required: ["host"], optional: [] },
  // the only templates that carry a link: single-use, expiring (see LINK_TEMPLATES)
  invitationToShop: { required: ["inviterName", "shopName", "role", "link", "expiresAt"], optional: [] },
  invitationOperator: { required: ["inviterName", "role", "companyName", "link", "expiresAt"], optional: [] },
  passwordReset: { required: ["link", "expiresAt"], optional: [] },
} as const satisfies Record<string, { required: readonly string[]; optional: readonly string[] }>;

type Templates = typeof templates;
export type TemplateName = keyof Templates;
export type TemplateValues<T extends TemplateName> = Record<Templates[T]["required"][number], string> &
  Partial<Record<Templates[T]["optional"][number], string | null>>;

export const templateNames = Object.keys(templates) as TemplateName[];

/** Emails that may carry a link: an invitation's and a password reset's, single-use and expiring. */
export const LINK_TEMPLATES: readonly TemplateName[] = ["invitationToShop", "invitationOperator", "passwordReset"];

/**
 * The placeholders the code writes itself (instants, days, durations, a status or a role in words,
 * the platform's own link). Every other one carries what someone typed: a note, a reason, and also
 * a name (a shop's, a service's alias, a person's, a company's), which operators type too.
 */
const WRITTEN_BY_CODE = new Set([
  "startedAt",
  "until",
  "zone",
  "duration",
  "expiresAt",
  "status",
  "role",
  "scope",
  "link",
]);

/**
 * Text someone typed carries no working link into an email, whose only links are the platform's
 * own single-use ones: "https://x.example/login" reads "https[:]//x[.]example/login", which no
 * mail program turns into a link.
 */
export function defuseLinks(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, "$1[:]//")
    .replace(/\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b/gi, (host) => host.replaceAll(".", "[.]"));
}

export interface RenderedEmail {
  subject: string;
  text: string;
}

/** A plain-text email in the recipient's language. No links and no secrets, by design, but for LINK_TEMPLATES. */
export function renderEmail<T extends TemplateName>(
  locale: Locale,
  template: T,
  values: TemplateValues<T>,
): RenderedEmail {
  const t = translator(locale);
  // the union of every template's keys, so a template without its subject or body fails the typecheck
  const name: TemplateName = template;
  const given = values as Record<string, string | null | undefined>;
  const all: Record<string, string> = {};
  const typed = (name: string, value: string) => (WRITTEN_BY_CODE.has(name) ? value : defuseLinks(value));
  for (const name of templates[template].required) all[name] = typed(name, given[name] ?? "");
  for (const name of templates[template].optional) {
    const value = given[name]?.trim();
    all[name] = value ? typed(name, value) : t("mail.none");
  }
  // one line, so a value with a line break cannot fold into a header
  const subject = t(`mail.templates.${name}.subject`, all).replace(/\s+/g, " ").trim();
  const body = t(`mail.templates.${name}.body`, all);
  return { subject, text: `${body}\n\n-- \n${t("mail.footer")}\n` };
}
