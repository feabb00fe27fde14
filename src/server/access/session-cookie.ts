import "server-only";
import { isHttpsUrl } from "@/lib/security-headers";
import { env } from "@/server/env";

/**
 * The cookie that names the support session an operator is in (checked against the database).
 * On https it is `__Host-` prefixed: Secure, Path=/, no Domain, so no sibling host can plant one.
 */
export function supportSessionCookie(): string {
  return `${isHttpsUrl(env().NEXTAUTH_URL) ? "__Host-" : ""}bo_support_session`;
}
