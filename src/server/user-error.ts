import type { MessageKey } from "@/i18n/keys";

/** Thrown by a handler for an outcome the user should read (a message key from messages/*.json). */
export class UserError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly values?: Record<string, string | number>,
    readonly fieldErrors?: Record<string, MessageKey>,
  ) {
    super(key);
  }
}
