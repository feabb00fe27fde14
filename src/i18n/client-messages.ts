// What the browser receives of the message catalogue: only the parts the client components of an
// area read (useTranslations in a "use client" file), never the mail texts. Each area's layout
// hands its part to a NextIntlClientProvider, which replaces (does not add to) the one above it,
// so every area lists the base too. A component that reads a part its area does not list shows
// the key and logs a MISSING_MESSAGE error in the browser, which fails the end-to-end suite.
import type { AbstractIntlMessages } from "next-intl";
import type { Locale } from "./config";
import { catalogs } from "./messages";

const BASE = ["auth", "errors"] as const;

export const CLIENT_MESSAGES = {
  /** every page: the sign-in form and the sign-out button */
  base: [...BASE],
  /** account, invitation and password pages */
  account: [...BASE, "account"],
  /** the operator console */
  console: [
    ...BASE,
    "admin.outbox",
    "common.languages",
    "console.clientServices.languages",
    "console.configurations",
    "console.lifecycle",
    "console.notes",
    "console.remoteSupport",
    "console.serviceDetails",
    "console.sessions",
    "console.smtp",
    "nav.roles",
    "operators",
    "organizations.form",
    "organizations.languages",
    "organizations.managedBy",
    "shop.serviceAccess",
  ],
  /** a back office, the merchant's own or entered in a support session */
  shop: [...BASE, "members", "nav.membership", "shop.banner", "shop.remoteSupport", "shop.serviceAccess", "shop.services", "shop.storefront"],
} as const satisfies Record<string, readonly string[]>;

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
