// How an audit row's details read to people, in their language: known keys get labels, enum values
// words (a key's own words first: a failure's "auth" is not another key's), instants and calendar
// days the viewer's date format; internal ids stay out.
import { textOr, type KeysUnder } from "@/i18n/keys";

const HIDDEN = new Set(["noteId", "authorId", "organizationId"]);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The details that hold a calendar day: a reference or a name that looks like one stays as written. */
const DAY_KEYS = new Set(["until", "previousUntil", "fromDay", "toDay"]);

/** How a reader writes the two kinds of time a detail can hold. */
export interface DetailFormats {
  instant(at: Date): string;
  /** a calendar day ("2026-03-12"), the same day wherever it is read: service access runs until one */
  day(day: string): string;
}

/** A translator for common.audit; its keys here come from the rows, so each is looked up first. */
type T = { (key: KeysUnder<"common.audit">): string; has(key: KeysUnder<"common.audit">): boolean };

/**
 * Words for details whose values are other areas' ids: a changed setting's key ("service.theme")
 * and its chosen values, an email's kind. Each gives undefined where it has no words.
 */
export interface DetailWords {
  setting(key: string): string | undefined;
  choice(setting: string, value: string): string | undefined;
  mailKind(kind: string): string | undefined;
}

export function describeDetails(
  details: unknown,
  t: T,
  formats: DetailFormats,
  words?: DetailWords,
): [string, string][] {
  if (typeof details !== "object" || details === null) return [];
  const all = details as Record<string, unknown>;
  // a configuration change names its setting by "key"; its "from" and "to" are that setting's values
  const setting = typeof all.key === "string" ? all.key : undefined;
  const named = (key: string, text: string): string | undefined => {
    if (!words) return undefined;
    if (setting && key === "key") return words.setting(text);
    if (setting && (key === "from" || key === "to")) return words.choice(setting, text);
    if (key === "kind") return words.mailKind(text);
  };
  // an export's filter names the kind of event it kept
  const event = (key: string, text: string) => (key === "event" ? describeAction(text, t) : undefined);
  return Object.entries(all)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== null && value !== undefined && value !== "")
    .map(([key, value]) => {
      const label = textOr(t, `details.${key}`, key);
      const text = String(value);
      if (typeof value === "string" && ISO_INSTANT.test(value)) return [label, formats.instant(new Date(value))];
      if (typeof value === "string" && DAY_KEYS.has(key) && ISO_DAY.test(value)) return [label, formats.day(value)];
      return [
        label,
        event(key, text) ?? named(key, text) ?? textOr(t, `valuesOf.${key}.${text}`, textOr(t, `values.${text}`, text)),
      ];
    });
}

/** An event's action ("remote-support.approved") in words, or as stored when there are none for it. */
export function describeAction(action: string, t: T): string {
  return textOr(t, `actions.${action}`, action);
}

export function describeActor(label: string, t: T): string {
  return label === "system" ? t("system") : label;
}
