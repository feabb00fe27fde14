// The message keys as a type, for code that hands a key on instead of translating it at once (a
// UserError, a zod schema's message, a stored reason): a misspelled key fails the typecheck there
// too, not only where a translator is called. Types only, so client code may import it.
import type { MessageKeys, NestedKeyOf } from "next-intl";
import type { catalogs } from "./messages";

export type Catalog = (typeof catalogs)["en"];

/** Every key that names a text ("errors.generic"), never a namespace ("errors"). */
export type MessageKey = MessageKeys<Catalog, NestedKeyOf<Catalog>>;

/** The keys under one namespace, without it: KeysUnder<"mail.smtpErrors"> is "auth" | "tls" | … */
export type KeysUnder<Namespace extends string> = MessageKey extends infer K
  ? K extends `${Namespace}.${infer Rest}`
    ? Rest
    : never
  : never;

/** A message key where the type of its place says only "string" (a zod schema's message): checked all the same. */
export const messageKey = <K extends MessageKey>(key: K): K => key;

/**
 * The text for a key made at run time from data (an audit action, a product code), or `otherwise`
 * when the catalogue has none: the typecheck cannot see data, so the key is looked up first.
 */
export function textOr<K extends string>(
  t: { (key: K): string; has(key: K): boolean },
  key: string,
  otherwise: string,
): string {
  return t.has(key as K) ? t(key as K) : otherwise;
}
