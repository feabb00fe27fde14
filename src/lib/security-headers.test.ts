import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  createNonce,
  isHttpsUrl,
  securityHeaders,
  staticSecurityHeaders,
} from "./security-headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

describe("security headers", () => {
  const nonce = "bm9uY2Utb2YtdGhpcy1yZXNwb25zZQ==";

  it("allows scripts only with the response's nonce in production, and never eval", () => {
    const csp = directives(contentSecurityPolicy(nonce, { https: false, dev: false }));
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    expect(contentSecurityPolicy(nonce, { https: true, dev: false })).not.toContain("unsafe");
  });

  it("lets React's dev tooling eval and inject styles in development only", () => {
    const csp = directives(contentSecurityPolicy(nonce, { https: false, dev: true }));
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'unsafe-eval'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("sends HSTS and upgrades requests only when the public URL is https", () => {
    const https = securityHeaders(nonce, { https: true, dev: false });
    expect(https["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(directives(https["Content-Security-Policy"]).has("upgrade-insecure-requests")).toBe(true);

    const http = securityHeaders(nonce, { https: false, dev: false });
    expect(http).not.toHaveProperty("Strict-Transport-Security");
  });

  it("sends the same framing, sniffing, referrer and feature rules everywhere", () => {
    for (const headers of [
      staticSecurityHeaders(),
      securityHeaders(nonce, { https: true, dev: true }),
      securityHeaders(nonce, { https: false, dev: false }),
    ]) {
      expect(headers).toMatchObject({
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
      });
      for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
        expect(headers["Permissions-Policy"]).toContain(`${feature}=()`);
      }
    }
    expect(staticSecurityHeaders()).not.toHaveProperty("Content-Security-Policy");
  });

  it("makes a fresh, CSP-safe nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("reads https-ness from the public URL", () => {
    expect(isHttpsUrl("https://backoffice.example.com")).toBe(true);
    expect(isHttpsUrl("http://localhost:3000")).toBe(false);
    expect(isHttpsUrl(undefined)).toBe(false);
  });
});
