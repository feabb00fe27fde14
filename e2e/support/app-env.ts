// The environment every application the suite starts runs with (playwright.config.ts, and the
// specs that start their own, such as database-outage.spec.ts).
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 3225);

export const appEnv = {
  // empty: never run the suite against a server named in the caller's environment
  DATABASE_URL: "",
  NEXTAUTH_SECRET: "e2e-nextauth-secret-0123456789abcdef",
  SECRETS_KEY: "e2e-secrets-key-0123456789abcdefghijklmnop",
  SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
  // the specs point custom SMTP settings at the sink, on loopback and a port of its own
  SMTP_ALLOW_PRIVATE_HOSTS: "true",
  SMTP_ALLOWED_PORTS: `25,465,587,2525,${SMTP_PORT}`,
  MAIL_FROM: "Backoffice Access <no-reply@backoffice-access.test>",
  MAIL_WORKER: "on",
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: "production" as const,
  HOSTNAME: "127.0.0.1",
};
