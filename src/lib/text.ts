import { z } from "zod";
import type { MessageKey } from "@/i18n/keys";
import { EMAIL_MAX } from "./email-limits";

// Text from people reaches PostgreSQL only as text it can store and a reader can trust: no NUL
// (PostgreSQL refuses it), no unpaired UTF-16 surrogates (not Unicode), no control characters
// (invisible, and in a single-line field a line break that could fold into a header or a CSV).
const NUL_OR_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Embeddings, overrides and isolates turn the text after them around where it is shown: an alias
// "\u202Etxt.exe" reads "exe.txt", and in a list the text after it in the row too. Nobody types them.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Whether a string holds only text people can type: no NUL, controls, direction overrides or broken characters. */
export function isCleanText(value: string, multiline: boolean): boolean {
  if (NUL_OR_CONTROL.test(value) || LONE_SURROGATE.test(value) || BIDI_CONTROL.test(value)) return false;
  if (!multiline && (LINE_BREAK.test(value) || value.includes("\t"))) return false;
  return true;
}

const INVALID: MessageKey = "errors.invalidCharacters";
const REQUIRED: MessageKey = "errors.required";

interface Bounds {
  max: number;
  /** at least this many characters after trimming (1 for a required field) */
  min?: number;
  tooLong?: MessageKey;
  tooShort?: MessageKey;
}

// Characters that draw nothing (zero-width space, joiners, BOM, Hangul filler...): allowed within
// text (a joiner inside an emoji, a variation selector), but text of nothing else is empty to a reader.
const DRAWS_NOTHING = /\p{Default_Ignorable_Code_Point}/gu;
const visibleLength = (value: string) => value.replace(DRAWS_NOTHING, "").trim().length;
// what draws nothing at either end, spaces too: "\u200BNorthwind" would look like "Northwind" in a
// list and pass its unique index
const BLANK_ENDS = /^[\s\p{Default_Ignorable_Code_Point}]+|[\s\p{Default_Ignorable_Code_Point}]+$/gu;

const text = (multiline: boolean, { max, min = 0, tooLong = "errors.tooLong", tooShort = REQUIRED }: Bounds) =>
  z
    .string(REQUIRED)
    .refine((v) => isCleanText(v, multiline), INVALID)
    // a value that shows nothing (zero-width characters alone) is empty, and only what shows counts
    // towards the shortest length; a form sends each line break of a text box as CR LF, which the
    // box counted as one character against its maxlength, so it is kept and counted as one
    .transform((v) => (multiline ? v.replace(/\r\n?/g, "\n") : v).replace(BLANK_ENDS, ""))
    .pipe(
      z
        .string()
        .check((ctx) => {
          if (visibleLength(ctx.value) < min)
            ctx.issues.push({
              code: "too_small",
              origin: "string",
              minimum: min,
              inclusive: true,
              message: tooShort,
              input: ctx.value,
            });
        })
        .max(max, tooLong),
    );

/** One line of text (names, aliases, reasons): trimmed, no line breaks or control characters. */
export const singleLine = (bounds: Bounds) => text(false, bounds);

// The audit log and the emails name a person "Name <email>": a name holding angle brackets, or
// characters drawn like them, could show someone else's address beside the real one.
const ANGLE_BRACKETS = /[<>\uFF1C\uFF1E\u2039\u203A\u27E8\u27E9\u2329\u232A\u3008\u3009\u02C2\u02C3\u1433\u1438]/;

/** A person's name: one line, without angle brackets (see ANGLE_BRACKETS). */
export const personName = (bounds: Bounds) =>
  singleLine(bounds).refine((v) => !ANGLE_BRACKETS.test(v), "errors.angleBrackets" satisfies MessageKey);

/**
 * A name people pick from a menu (a company's): one line, each letter in one form (NFC, "ü" never
 * "u" and a combining mark) and one space between words, so that two spellings that read alike are
 * stored alike. The database's unique index folds further (compatibility forms, case).
 */
export const menuName = (bounds: Bounds) =>
  singleLine(bounds).transform((v) => v.normalize("NFC").replace(/\s+/gu, " "));

/** Text that may span lines (notes, messages): trimmed, line breaks and tabs allowed, nothing else invisible. */
export const multiLine = (bounds: Bounds) => text(true, bounds);

/** A whole number typed as digits only ("587", not "5.87e2", " 587 " or "0x24b"). */
export const digits = (message: MessageKey) =>
  z
    .string(message)
    .trim()
    .regex(/^\d{1,9}$/, message)
    .transform(Number);

/**
 * An email address typed into a form: trimmed, required, and otherwise one message for every way
 * it can be wrong (too long or not an address).
 */
export const emailAddress = (message: MessageKey) =>
  z.string(REQUIRED).trim().min(1, REQUIRED).max(EMAIL_MAX, message).pipe(z.email(message));
