// use-intl/core: the same translator without React, so scripts outside Next.js can render emails too
import { createTranslator } from "use-intl/core";
import type { Locale } from "./config";
import type { Catalog, MessageKey } from "./keys";
import { catalogs } from "./messages";

function create(locale: Locale) {
  const messages: Catalog = catalogs[locale];
  return createTranslator({ locale, messages });
}

// one per language, made on first use: every action's answer goes through one, and each keeps its
// parsed messages
const translators = new Map<Locale, ReturnType<typeof create>>();

/** A translator outside React (server actions, emails, tests), typed by the English catalogue as next-intl's are. */
export function translator(locale: Locale) {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = create(locale)));
  return t;
}

/** Whether the key names a text (not a namespace, which the translator would log as an error). */
export function hasKey(locale: Locale, key: string): key is MessageKey {
  let node: unknown = catalogs[locale];
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/**
 * Translates a key that arrives at run time (a zod issue's message, an error stored in the
 * outbox), or says so plainly when the key does not name a text.
 */
export function translateKey(locale: Locale, key: string, values?: Record<string, string | number | Date>): string {
  return translator(locale)(hasKey(locale, key) ? key : "errors.generic", values);
}
