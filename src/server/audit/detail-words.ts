import type { Locale } from "@/i18n/config";
import { hasKey, translator } from "@/i18n/translator";
import type { DetailWords } from "./describe";

/**
 * A reader's words for details that hold other areas' ids: settings by their labels on the General
 * configurations page (their keys there written with "_" for "."; the platform's settings, gone
 * since 20261214100000, keep theirs for the changes recorded before), emails by their kinds in the
 * outbox, else by the event that sent them. Undefined where there are none: the id is shown.
 */
export function detailWords(locale: Locale): DetailWords {
  const t = translator(locale);
  const words = (key: string) => (hasKey(locale, key) ? t(key) : undefined);
  const id = (key: string) => key.replaceAll(".", "_");
  return {
    setting: (key) => words(`console.configurations.labels.${id(key)}`),
    choice: (key, value) => words(`console.configurations.choices.${id(key)}.${value}`),
    mailKind: (kind) => words(`admin.outboxKinds.${kind}`) ?? words(`common.audit.actions.${kind}`),
  };
}
