import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { staticSecurityHeaders } from "./src/lib/security-headers";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  // packages with native parts or their own runtime loading stay outside the server bundle
  serverExternalPackages: ["@node-rs/argon2", "pg", "nodemailer", "@prisma/adapter-pg"],
  poweredByHeader: false,
  experimental: { authInterrupts: true },
  // src/proxy.ts sets these (and the CSP with its nonce) on everything else; the files it skips get them here
  async headers() {
    const headers = Object.entries(staticSecurityHeaders()).map(([key, value]) => ({ key, value }));
    return [{ source: "/:path*", headers }];
  },
};

export default withNextIntl(nextConfig);
