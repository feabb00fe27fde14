// The browser-facing security headers, in one place: src/proxy.ts sets all of them on every
// response it sees (with a fresh nonce), next.config.ts sets the ones without a nonce on the
// static files the proxy skips. Plain module (no `server-only`): next.config.ts loads it outside
// the react-server condition.

export interface SecurityHeaderOptions {
  /** the public URL is https: HSTS, upgrade-insecure-requests */
  https: boolean;
  /** `next dev`: React's dev tooling needs eval, and dev styles are injected without a nonce */
  dev: boolean;
}

export const CSP_HEADER = "Content-Security-Policy";

/** A fresh, unguessable nonce for one response (base64 of 16 random bytes). */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** The isHttps answer for a public URL such as NEXTAUTH_URL; unset means plain http (local). */
export function isHttpsUrl(url: string | undefined): boolean {
  return url?.startsWith("https://") ?? false;
}

/**
 * Scripts only with this response's nonce (Next.js puts it on its own scripts when it finds it in
 * the request's CSP header); 'strict-dynamic' lets those load the chunks they import.
 */
export function contentSecurityPolicy(nonce: string, { https, dev }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // a nonce makes browsers ignore 'unsafe-inline', so dev (injected styles) gets the one, prod the other
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "hid=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

/** The headers that need neither a nonce nor the public URL: static files get exactly these. */
export function staticSecurityHeaders(): Record<string, string> {
  return {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}

/** Every security header of a response the proxy handles. */
export function securityHeaders(nonce: string, options: SecurityHeaderOptions): Record<string, string> {
  return {
    ...staticSecurityHeaders(),
    [CSP_HEADER]: contentSecurityPolicy(nonce, options),
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
