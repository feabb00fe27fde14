import "server-only";
import { z } from "zod";
import { messageKey } from "@/i18n/keys";
import { digits, isCleanText, singleLine } from "@/lib/text";
import { encryptSecret, decryptSecret, secretContext } from "@/server/crypto/secrets";
import { prisma, type Tx } from "@/server/db";
import { env } from "@/server/env";
import { checkSmtpDestination, DestinationRefusedError } from "@/server/mail/destination";
import { parseSmtpUrl, type SmtpConfig } from "@/server/mail/transport";
import type { KeysUnder } from "@/i18n/keys";
import { UserError } from "@/server/user-error";
import { lockName } from "@/server/named-lock";

/** Where SMTP settings live: one client service's, or the platform's (the system SMTP server). */
export type SmtpTarget = { kind: "service"; serviceId: string } | { kind: "system" };

const e = <K extends KeysUnder<"console.smtp.errors">>(k: K) => `console.smtp.errors.${k}` as const;
export const smtpFields = {
  host: z
    .string()
    .trim()
    .min(1, e("host"))
    .max(253, e("host"))
    .regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, e("host")),
  /** digits only: "587", never "5.87e2" or "0x24b" */
  port: z.preprocess(
    (v) => (typeof v === "number" ? String(v) : v),
    digits(e("port")).pipe(z.number().min(1, e("port")).max(65535, e("port"))),
  ),
  security: z.enum(["NONE", "STARTTLS", "TLS"], e("security")),
  username: singleLine({ max: 200, tooLong: e("tooLong") })
    .optional()
    .default(""),
  /** blank keeps the stored password; as typed (not trimmed), but nothing invisible */
  password: z
    .string()
    .max(500, e("tooLong"))
    .refine((v) => isCleanText(v, false), messageKey("errors.invalidCharacters"))
    .optional()
    .default(""),
  fromAddress: z
    .string()
    .trim()
    .max(254, e("tooLong"))
    .pipe(z.email(e("from"))),
};
export const smtpFormSchema = z.object(smtpFields);
export type SmtpForm = z.infer<typeof smtpFormSchema>;

/** What the browser may see: never the password, only whether one is stored. */
export interface SmtpView {
  custom: boolean;
  host: string;
  port: number;
  security: "NONE" | "STARTTLS" | "TLS";
  username: string;
  fromAddress: string;
  passwordSet: boolean;
}

async function storedRow(target: SmtpTarget, db: Tx = prisma) {
  const select = {
    host: true,
    port: true,
    security: true,
    username: true,
    fromAddress: true,
    passwordEncrypted: true,
  } as const;
  return target.kind === "service"
    ? db.serviceSmtp.findUnique({ where: { clientServiceId: target.serviceId }, select })
    : db.systemSmtp.findUnique({ where: { id: 1 }, select });
}

export async function smtpView(target: SmtpTarget): Promise<SmtpView> {
  const row = await storedRow(target);
  if (row)
    return {
      custom: true,
      host: row.host,
      port: row.port,
      security: row.security,
      username: row.username ?? "",
      fromAddress: row.fromAddress,
      passwordSet: !!row.passwordEncrypted,
    };
  const fallback = env().SMTP_URL ? parseSmtpUrl(env().SMTP_URL!, env().MAIL_FROM) : null;
  return {
    custom: false,
    host: fallback?.host ?? "",
    port: fallback?.port ?? 587,
    security: fallback?.security ?? "STARTTLS",
    username: "",
    fromAddress: fallback?.fromAddress ?? env().MAIL_FROM,
    passwordSet: false,
  };
}

const contextOf = (target: SmtpTarget) =>
  target.kind === "service" ? secretContext.serviceSmtp(target.serviceId) : secretContext.systemSmtp;

type StoredRow = NonNullable<Awaited<ReturnType<typeof storedRow>>>;

/**
 * Whether the form still describes the server the password was saved for. Anything else (another
 * host, port or user, or another security, which could send it in the clear over a connection
 * weaker than the one it was saved for) must not receive the stored secret.
 */
function sameServer(row: StoredRow | null, form: SmtpForm): row is StoredRow {
  return (
    !!row &&
    row.host === form.host &&
    row.port === form.port &&
    (row.username ?? "") === form.username &&
    row.security === form.security
  );
}

/** The configuration a form describes. A blank password means the stored one, for the stored server only. */
export async function configFromForm(target: SmtpTarget, form: SmtpForm): Promise<SmtpConfig> {
  const row = form.password ? null : await storedRow(target);
  return {
    host: form.host,
    port: form.port,
    security: form.security,
    username: form.username || undefined,
    password:
      form.password ||
      (sameServer(row, form) && row.passwordEncrypted
        ? decryptSecret(row.passwordEncrypted, contextOf(target))
        : undefined),
    fromAddress: form.fromAddress,
  };
}

const NOT_FOUND = new Set(["ENOTFOUND", "EAI_AGAIN", "ENODATA"]);

/** Refuses, at its field, a host that does not resolve or a host or port the platform does not connect to (destination.ts). */
export async function checkSmtpForm(form: SmtpForm): Promise<void> {
  try {
    await checkSmtpDestination(form.host, form.port);
  } catch (error) {
    if (error instanceof DestinationRefusedError) {
      throw new UserError("errors.checkFields", undefined, {
        [error.field]: error.field === "host" ? e("hostNotAllowed") : e("portNotAllowed"),
      });
    }
    if (NOT_FOUND.has((error as { code?: string }).code ?? ""))
      throw new UserError("errors.checkFields", undefined, { host: e("hostNotFound") });
    throw error;
  }
}

/**
 * Saves and resets of one target's settings one after the other, inside their transactions: a save
 * that read the stored password must not write it back after a reset deleted it meanwhile.
 */
async function lockTarget(tx: Tx, target: SmtpTarget): Promise<void> {
  await lockName(tx, target.kind === "service" ? `smtp:${target.serviceId}` : "smtp:system");
}

/**
 * Saves the settings. A blank password keeps the stored one for the same server; for another
 * server the password must be entered again (or, without a user, none is kept). Says whether the
 * stored password changed (for the audit): a new one, or one no longer kept.
 */
export async function saveSmtp(
  tx: Tx,
  target: SmtpTarget,
  form: SmtpForm,
  userId: string,
): Promise<{ passwordChanged: boolean }> {
  await lockTarget(tx, target);
  const row = form.password ? null : await storedRow(target, tx);
  if (row?.passwordEncrypted && !sameServer(row, form) && form.username)
    throw new UserError("errors.checkFields", undefined, { password: e("passwordAgain") });
  const password = form.password
    ? encryptSecret(form.password, contextOf(target))
    : sameServer(row, form)
      ? row.passwordEncrypted
      : null;
  const data = {
    host: form.host,
    port: form.port,
    security: form.security,
    username: form.username || null,
    fromAddress: form.fromAddress,
    updatedById: userId,
    passwordEncrypted: password,
  };
  if (target.kind === "service") {
    await tx.serviceSmtp.upsert({
      where: { clientServiceId: target.serviceId },
      create: { clientServiceId: target.serviceId, ...data },
      update: data,
    });
  } else {
    await tx.systemSmtp.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
  }
  return { passwordChanged: form.password ? true : (row?.passwordEncrypted ?? null) !== password };
}

/** "Use system SMTP": the service (or the platform) goes back to the default. */
export async function resetSmtp(tx: Tx, target: SmtpTarget): Promise<boolean> {
  await lockTarget(tx, target);
  const { count } =
    target.kind === "service"
      ? await tx.serviceSmtp.deleteMany({ where: { clientServiceId: target.serviceId } })
      : await tx.systemSmtp.deleteMany({});
  return count > 0;
}
