// How long a password may be: the server's check (server/auth/password-policy.ts), the form's
// minlength and maxlength, and the help text all read these.
export const PASSWORD_MIN = 12;
/** not absurdly long: argon2's input */
export const PASSWORD_MAX = 200;
