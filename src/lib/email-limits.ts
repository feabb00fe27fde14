// How long an email address may be: the server's check (lib/text.ts, emailAddress) and every
// form's maxlength read this.
/** The longest address a mail can be sent to (RFC 5321's path, less its angle brackets). */
export const EMAIL_MAX = 254;
