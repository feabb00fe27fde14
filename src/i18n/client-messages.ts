// What the browser receives of the message catalogue: only the parts the client components of a
// page read (useTranslations in a "use client" file), never the mail texts. A layout or page hands
// its part to a NextIntlClientProvider (AreaMessages), which replaces (does not add to) the one
// above it, so every part lists the base too. A component that reads a part its area does not list shows
// the key and logs a MISSING_MESSAGE error in the browser, which fails the end-to-end suite.
import type { AbstractIntlMessages, NamespaceKeys, NestedKeyOf } from "next-intl";
import type { Locale } from "./config";
import type { Catalog } from "./keys";
import { catalogs } from "./messages";

const BASE = ["errors"] as const;

/**
 * The parts each provider hands down: "base" at the root (every form's errors), "signIn" for the
 * sign-in form (its texts on the sign-in page alone), "account" for the account and link pages,
 * "shop" for a back office's frame (the support banner), and one per page whose client components
 * read more, wrapped around that page alone.
 */
export const CLIENT_MESSAGES = {
  base: [...BASE],
  signIn: [...BASE, "auth"],
  account: [...BASE, "account"],
  shop: [...BASE, "shop.banner"],
  // console pages
  serviceList: [...BASE, "console.clientServices", "console.lifecycle"],
  serviceDetails: [
    ...BASE,
    "console.clientServices.languages",
    "console.lifecycle",
    "console.notes",
    "console.serviceDetails",
  ],
  configurations: [...BASE, "console.configurations", "console.smtp"],
  systemSmtp: [...BASE, "console.smtp"],
  organizationForm: [...BASE, "organizations.form", "organizations.languages", "organizations.managedBy"],
  organizationOwner: [...BASE, "organizations.owner"],
  operators: [...BASE, "common.languages", "nav.roles", "operators"],
  companies: [...BASE, "operators.companies"],
  outbox: [...BASE, "admin.outbox"],
  auditLog: [...BASE, "admin.audit.filters"],
  enterShop: [...BASE, "console.sessions"],
  remoteSupportSearch: [...BASE, "console.remoteSupport", "console.sessions"],
  // back-office pages
  status: [...BASE, "shop.serviceAccess", "shop.storefront"],
  addOns: [...BASE, "shop.services"],
  members: [...BASE, "members", "nav.membership"],
  decisions: [...BASE, "shop.remoteSupport"],
} as const satisfies Record<string, readonly NamespaceKeys<Catalog, NestedKeyOf<Catalog>>[]>;

export type ClientArea = keyof typeof CLIENT_MESSAGES;

/** The catalogue of one language, cut down to the parts one area's client components read. */
export function clientMessages(locale: Locale, area: ClientArea): AbstractIntlMessages {
  const picked: Record<string, unknown> = {};
  for (const path of CLIENT_MESSAGES[area]) {
    const parts = path.split(".");
    let source: unknown = catalogs[locale];
    let target = picked;
    parts.forEach((part, i) => {
      source = (source as Record<string, unknown>)[part];
      if (i === parts.length - 1) target[part] = source;
      else target = (target[part] ??= {}) as Record<string, unknown>;
    });
  }
  return picked as AbstractIntlMessages;
}
