import { isHttpsUrl } from "@/lib/security-headers";

// No `server-only` here: src/proxy.ts reads the session cookie by this name too.

/**
 * next-auth's session cookie. On https it is `__Host-` prefixed (Secure, Path=/, no Domain), so
 * neither plain http nor a sibling subdomain can set or shadow it; next-auth's own default is the
 * weaker `__Secure-`.
 */
export function sessionCookieName(publicUrl: string | undefined): string {
  return `${isHttpsUrl(publicUrl) ? "__Host-" : ""}next-auth.session-token`;
}
