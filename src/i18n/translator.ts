// use-intl/core: the same translator without React, so scripts outside Next.js can render emails too
import { createTranslator } from "use-intl/core";
import type { Locale } from "./config";
import { catalogs } from "./messages";

/** A translator outside React (server actions, emails, tests). */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: catalogs[locale] });
}

export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

/** Whether the key names a text (not a namespace, which the translator would log as an error). */
export function hasKey(locale: Locale, key: string): boolean {
  let node: unknown = catalogs[locale];
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/** Translates a message key, or says so plainly when the key does not name a text. */
export function translateKey(locale: Locale, key: string, values?: Record<string, string | number | Date>): string {
  const t = translator(locale) as unknown as Translate;
  return t(hasKey(locale, key) ? key : "errors.generic", values);
}
