import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { REQUEST_BODY_LIMIT_BYTES } from "./src/lib/body-limit";
import { staticSecurityHeaders } from "./src/lib/security-headers";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  // packages with native parts or their own runtime loading stay outside the server bundle
  serverExternalPackages: ["@node-rs/argon2", "pg", "nodemailer", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // the same limit scripts/server.ts enforces in front of Next.js
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: REQUEST_BODY_LIMIT_BYTES } },
  // src/proxy.ts sets these (and the CSP with its nonce) on everything else; the files it skips get them here
  async headers() {
    const headers = Object.entries(staticSecurityHeaders()).map(([key, value]) => ({ key, value }));
    return [{ source: "/:path*", headers }];
  },
};

export default withNextIntl(nextConfig);
