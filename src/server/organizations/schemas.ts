import { z } from "zod";
import { messageKey } from "@/i18n/keys";
import { digitsOnly } from "@/lib/search-keys";
import { isTimeZone } from "@/lib/time-zones";
import { emailAddress, singleLine } from "@/lib/text";

export const NAME_MAX = 200;
export const REFERENCE_MAX = 64;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** What the create and edit forms share. */
export const organizationFields = {
  name: singleLine({ min: 1, max: NAME_MAX, tooLong: "organizations.errors.tooLong" }),
  url: singleLine({ min: 1, max: 500, tooLong: "organizations.errors.tooLong" }).refine(
    isWebUrl,
    messageKey("organizations.errors.url"),
  ),
  customerReference: z
    .string(messageKey("errors.required"))
    .trim()
    .min(1, messageKey("errors.required"))
    .max(REFERENCE_MAX, messageKey("organizations.errors.tooLong"))
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u, messageKey("organizations.errors.reference")),
  number: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(40, messageKey("organizations.errors.tooLong"))
      .refine(
        // spaces as typed, not line breaks or other white space
        (v) => /^\+?[\d ()./-]+$/.test(v) && digitsOnly(v).length >= 4,
        messageKey("organizations.errors.number"),
      )
      .optional(),
  ),
  managedBy: z.enum(["SERVICE_PROVIDER", "CUSTOMER"], messageKey("errors.required")),
  /** administrators choose; a partner's own company is taken from the session (another id is refused) */
  partnerCompanyId: z.preprocess(blankToUndefined, z.uuid(messageKey("errors.invalidField")).optional()),
  timeZone: z
    .string(messageKey("errors.required"))
    .trim()
    .refine(isTimeZone, messageKey("organizations.errors.timeZone")),
  language: z.enum(["EN", "DE"], messageKey("errors.required")),
};

export const createOrganizationSchema = z.object({
  ...organizationFields,
  ownerEmail: z.preprocess(blankToUndefined, emailAddress(messageKey("organizations.errors.email")).optional()),
});

export const updateOrganizationSchema = z.object({
  organizationId: z.uuid(messageKey("errors.invalidField")),
  ...organizationFields,
});

export type OrganizationInput = z.infer<typeof updateOrganizationSchema> | z.infer<typeof createOrganizationSchema>;
