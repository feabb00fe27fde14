// The error codes the sign-in's authorize() throws (src/server/auth.ts) and next-auth hands to the
// form (src/components/auth/sign-in-form.tsx) in a URL: nothing but these ever reaches a browser.
export const SIGN_IN_ERROR = {
  /** too many failures from this address: wait 15 minutes */
  throttled: "throttled",
  /** this account had failures: wait a few seconds */
  wait: "wait",
  /** the database is away */
  unavailable: "unavailable",
  /** anything else that went wrong on the server */
  failed: "failed",
} as const;

/** The message key for what next-auth answered (CredentialsSignin: wrong email or password). */
export function signInErrorKey(
  code: string | null | undefined,
): "auth.throttled" | "auth.wait" | "errors.unavailable" | "errors.generic" | "auth.invalid" {
  switch (code) {
    case SIGN_IN_ERROR.throttled:
      return "auth.throttled";
    case SIGN_IN_ERROR.wait:
      return "auth.wait";
    case SIGN_IN_ERROR.unavailable:
      return "errors.unavailable";
    case SIGN_IN_ERROR.failed:
      return "errors.generic";
    default:
      return "auth.invalid";
  }
}
