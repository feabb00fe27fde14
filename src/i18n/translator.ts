// use-intl/core: the same translator without React, so scripts outside Next.js can render emails too
import { createTranslator } from "use-intl/core";
import type { Locale } from "./config";
import { catalogs } from "./messages";

/** A translator outside React (server actions, emails, tests). */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: catalogs[locale] });
}

export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

export function hasKey(locale: Locale, key: string): boolean {
  return (translator(locale) as unknown as { has(key: string): boolean }).has(key);
}

/** Translates a message key, or says so plainly when the key does not exist. */
export function translateKey(locale: Locale, key: string, values?: Record<string, string | number | Date>): string {
  const t = translator(locale) as unknown as Translate & { has(key: string): boolean };
  return t.has(key) ? t(key, values) : t("errors.generic");
}
