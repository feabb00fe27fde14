import "server-only";
import net from "node:net";
import nodemailer from "nodemailer";
import type { SmtpSecurity } from "@/generated/prisma/enums";
import type { Locale } from "@/i18n/config";
import type { KeysUnder } from "@/i18n/keys";
import { translateKey, translator } from "@/i18n/translator";
import { decryptSecret, secretContext } from "@/server/crypto/secrets";
import { prisma } from "@/server/db";
import { env } from "@/server/env";
import { checkSmtpDestination, DestinationRefusedError, type RefusedField } from "./destination";
import { renderEmail } from "./templates";

export interface SmtpConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  username?: string | null;
  password?: string | null;
  fromAddress: string;
  /** SMTP_URL, set by whoever runs the platform: connected to as it is, without the destination rules */
  trusted?: boolean;
}

export interface TransportOptions {
  /** per connection phase (connect, greeting, each socket read); tests shorten it */
  timeoutMs?: number;
}

// well below the worker's lease (worker.ts), which is renewed before each message
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A transport for a configuration. An administrator's server is checked first (destination.ts) and
 * connected to at the checked address, with the host name kept for TLS (SNI and the certificate);
 * a refused one throws DestinationRefusedError before any connection.
 */
export async function openSmtpTransport(config: SmtpConfig, options: TransportOptions = {}) {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const address = config.trusted ? config.host : await checkSmtpDestination(config.host, config.port);
  const name = config.host.replace(/^\[(.*)\]$/, "$1");
  return nodemailer.createTransport({
    host: address,
    // an IP address is not a valid TLS server name: the certificate is then checked against it
    ...(net.isIP(name) ? {} : { tls: { servername: name } }),
    port: config.port,
    secure: config.security === "TLS",
    // NONE must not upgrade on its own: a server offering STARTTLS with a bad certificate would
    // otherwise fail every message although the administrator chose no encryption
    ignoreTLS: config.security === "NONE",
    requireTLS: config.security === "STARTTLS",
    auth: config.username ? { user: config.username, pass: config.password ?? "" } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
  });
}

/** SMTP_URL: smtps:// is TLS; smtp:// is STARTTLS on the submission port 587, else plain. */
export function parseSmtpUrl(url: string, fromAddress: string): SmtpConfig | null {
  const parsed = new URL(url);
  const tls = parsed.protocol === "smtps:";
  if (!tls && parsed.protocol !== "smtp:") return null;
  const port = parsed.port ? Number(parsed.port) : tls ? 465 : 25;
  return {
    host: parsed.hostname,
    port,
    security: tls ? "TLS" : port === 587 ? "STARTTLS" : "NONE",
    username: parsed.username ? decodeURIComponent(parsed.username) : null,
    password: parsed.password ? decodeURIComponent(parsed.password) : null,
    fromAddress,
    trusted: true,
  };
}

/** The system SMTP server: the one an administrator saved, else SMTP_URL, else none. */
export async function systemSmtpConfig(): Promise<SmtpConfig | null> {
  const row = await prisma.systemSmtp.findUnique({ where: { id: 1 }, omit: { passwordEncrypted: false } });
  if (row) {
    const { host, port, security, username, fromAddress } = row;
    return {
      host,
      port,
      security,
      username,
      fromAddress,
      password: row.passwordEncrypted ? decryptSecret(row.passwordEncrypted, secretContext.systemSmtp) : null,
    };
  }
  const { SMTP_URL, MAIL_FROM } = env();
  return SMTP_URL ? parseSmtpUrl(SMTP_URL, MAIL_FROM) : null;
}

/** Whether a system SMTP server exists, without decrypting its password (for pages). */
export async function isSystemSmtpConfigured(): Promise<boolean> {
  return Boolean(env().SMTP_URL) || (await prisma.systemSmtp.count({ where: { id: 1 } })) > 0;
}

const KEY_PREFIX = "mail.smtpErrors.";
const smtpError = <K extends KeysUnder<"mail.smtpErrors">>(name: K) => `${KEY_PREFIX}${name}` as const;
export const NO_SMTP_ERROR = smtpError("notConfigured");
export const SMTP_PASSWORD_UNREADABLE_ERROR = smtpError("passwordUnreadable");
export const ABANDONED_ERROR = smtpError("abandoned");
/** not an SMTP error: the link the message carries no longer works, so it is not sent (worker.ts) */
export const LINK_CLOSED_ERROR = smtpError("linkClosed");
/** not an SMTP error either: the access a reminder tells of ends no more as it says (worker.ts) */
export const REMINDER_OBSOLETE_ERROR = smtpError("reminderObsolete");
/** nor this: the remote-support request its email asks the owners to answer no longer waits (worker.ts) */
export const REQUEST_SETTLED_ERROR = smtpError("requestSettled");
const ANSWERED = smtpError("answered");
const replyCode = (code: unknown): code is number =>
  typeof code === "number" && Number.isInteger(code) && code >= 200 && code <= 599;

interface MailError {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * Why a send failed, in plain words: a message key under mail.smtpErrors, with the server's reply
 * code when it answered something we have no better words for. Never the server's own text: a
 * banner or reply says whatever the remote chose, which would make the settings a port scanner
 * that shows what answers where. Stored as is in the outbox, translated when shown (smtpErrorText).
 */
export function describeSmtpError(error: unknown): string {
  if (error instanceof DestinationRefusedError)
    return smtpError(error.field === "host" ? "hostNotAllowed" : "portNotAllowed");
  const e: MailError = typeof error === "object" && error !== null ? (error as MailError) : { message: String(error) };
  const message = e.message ?? "";
  if (e.code === "EAUTH" || e.responseCode === 535) return smtpError("auth");
  if (e.code === "ENOAUTH" || e.responseCode === 530) return smtpError("authRequired");
  if (e.code === "ETLS" || /certificate|SSL routines|TLS|altnames/i.test(message)) return smtpError("tls");
  if (e.code === "EDNS" || e.code === "ENOTFOUND" || /ENOTFOUND|EAI_AGAIN/.test(message))
    return smtpError("hostNotFound");
  if (/ECONNREFUSED/.test(message)) return smtpError("refused");
  if (e.code === "ETIMEDOUT" || /ETIMEDOUT|timeout|timed out|Greeting never received/i.test(message))
    return smtpError("timeout");
  if (e.code === "EENVELOPE" && e.command === "MAIL FROM") return smtpError("senderRejected");
  if (e.code === "EENVELOPE") return smtpError("recipientRejected");
  if (/ECONNRESET|EPIPE|Connection closed/i.test(message)) return smtpError("connectionLost");
  return replyCode(e.responseCode) ? `${ANSWERED}:${e.responseCode}` : smtpError("unknown");
}

const CONNECTION_FAILURES = new Set<string>([
  smtpError("refused"),
  smtpError("timeout"),
  smtpError("hostNotFound"),
  smtpError("connectionLost"),
]);

/** Whether a stored error says the server could not be reached (rather than that it answered no). */
export function isConnectionFailure(stored: string): boolean {
  return CONNECTION_FAILURES.has(stored);
}

/**
 * An error as stored by describeSmtpError, in the reader's language. Text stored by older versions
 * (the server's reply verbatim) shows as its reply code only.
 */
export function smtpErrorText(locale: Locale, stored: string): string {
  const answered = /^(?:mail\.smtpErrors\.answered:)?([2-5]\d\d)\b/.exec(stored);
  if (answered) return translator(locale)(ANSWERED, { code: answered[1] });
  return translateKey(locale, stored.startsWith(KEY_PREFIX) ? stored : smtpError("unknown"));
}

export type TestEmailResult =
  | { ok: true }
  /** failure: the mail.smtpErrors key it was described with; refused: the field the platform does not allow */
  | { ok: false; error: string; failure: string; replyCode?: number; refused?: RefusedField };

/** Sends the test email through a configuration (the SMTP settings' "Send test email"). */
export async function sendTestEmail(
  config: SmtpConfig,
  to: string,
  locale: Locale,
  options: TransportOptions = {},
): Promise<TestEmailResult> {
  let transport: Awaited<ReturnType<typeof openSmtpTransport>> | undefined;
  try {
    transport = await openSmtpTransport(config, options);
    const { subject, text } = renderEmail(locale, "smtpTest", { host: `${config.host}:${config.port}` });
    await transport.sendMail({ from: config.fromAddress, to, subject, text });
    return { ok: true };
  } catch (error) {
    const stored = describeSmtpError(error);
    const code = (error as MailError | undefined)?.responseCode;
    return {
      ok: false,
      error: smtpErrorText(locale, stored),
      failure: stored.slice(KEY_PREFIX.length).split(":")[0],
      ...(replyCode(code) ? { replyCode: code } : {}),
      ...(error instanceof DestinationRefusedError ? { refused: error.field } : {}),
    };
  } finally {
    transport?.close();
  }
}
