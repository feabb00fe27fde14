import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const nextConfig: NextConfig = {
  // packages with native parts or their own runtime loading stay outside the server bundle
  serverExternalPackages: ["@node-rs/argon2", "pg", "nodemailer", "@prisma/adapter-pg"],
  poweredByHeader: false,
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
