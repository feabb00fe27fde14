import { z } from "zod";
import type { ConfigType } from "@/generated/prisma/enums";
import { isCleanText, singleLine } from "@/lib/text";
import { messageKey, type KeysUnder } from "@/i18n/keys";

export interface Definition {
  key: string;
  type: ConfigType;
  defaultValue: unknown;
  min: number | null;
  max: number | null;
  choices: string[];
}

export type ConfigValue = string | number | boolean;

/**
 * The server's check of one typed configuration value, as it arrives from a form (strings).
 * Messages are keys under console.configurations.errors.
 */
export function valueSchema(def: Definition): z.ZodType<ConfigValue> {
  const e = <K extends KeysUnder<"console.configurations.errors">>(k: K) =>
    `console.configurations.errors.${k}` as const;
  switch (def.type) {
    case "TEXT":
      // edited in a one-line field, which drops line breaks: one saved would change on the next save
      return singleLine({ max: def.max ?? 500, tooLong: e("tooLong") });
    case "NUMBER": {
      let n = z.coerce.number<string>(e("number")).refine(Number.isFinite, e("number"));
      if (def.min !== null) n = n.refine((v) => v >= def.min!, e("tooSmall"));
      if (def.max !== null) n = n.refine((v) => v <= def.max!, e("tooLarge"));
      // whole numbers (every number setting counts something: hours, orders), in digits as people
      // write them: not "0x10" or "1e3", which a number parser would also take
      return z
        .string()
        .trim()
        .regex(/^-?\d+$/, e("number"))
        .pipe(n);
    }
    case "BOOLEAN":
      return z.enum(["true", "false"], e("boolean")).transform((v) => v === "true");
    case "CHOICE":
      return z.string().refine((v) => def.choices.includes(v), e("choice"));
    case "EMAIL":
      return z
        .string()
        .trim()
        .max(254, e("tooLong"))
        .refine((v) => isCleanText(v, false), messageKey("errors.invalidCharacters"))
        .pipe(z.email(e("email")));
    case "URL":
      return z
        .string()
        .trim()
        .max(2000, e("tooLong"))
        .refine((v) => isCleanText(v, false), messageKey("errors.invalidCharacters"))
        .pipe(z.url({ protocol: /^https?$/, error: e("url") }));
  }
}

export function parseValue(
  def: Definition,
  raw: unknown,
): { ok: true; value: ConfigValue } | { ok: false; error: string } {
  // a form sends each field once, as text: a field sent twice arrives as a list
  if (raw !== undefined && typeof raw !== "string") return { ok: false, error: "errors.invalidField" };
  const result = valueSchema(def).safeParse(raw ?? "");
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, error: result.error.issues[0]?.message ?? "errors.invalidField" };
}
