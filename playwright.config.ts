import { defineConfig, devices } from "@playwright/test";
import type { E2EWorkerOptions } from "./e2e/support/fixtures";

// `npm run test:e2e` builds first; this config only starts what a run needs, on fixed ports:
//   E2E_PORT (3200) the app, E2E_PORT+1 its throwaway embedded PostgreSQL,
//   E2E_SMTP_PORT (3225) the mail sink's SMTP side, E2E_SINK_HTTP_PORT (3226) its HTTP side.
const PORT = Number(process.env.E2E_PORT ?? 3200);
const PG_PORT = PORT + 1;
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 3225);
const SINK_HTTP_PORT = Number(process.env.E2E_SINK_HTTP_PORT ?? 3226);
const baseURL = `http://127.0.0.1:${PORT}`;
const bin = (name: string) => `node_modules/.bin/${name}`;

export default defineConfig<object, E2EWorkerOptions>({
  testDir: "e2e",
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "en-US",
    timezoneId: "Europe/Berlin",
    trace: "retain-on-failure",
    databaseUrl: `postgresql://postgres:postgres@127.0.0.1:${PG_PORT}/app`,
    sinkUrl: `http://127.0.0.1:${SINK_HTTP_PORT}`,
    launchOptions: {
      // Debian's chromium (apt-get install chromium); Playwright's own browser download is unreachable here
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: `${bin("tsx")} e2e/support/smtp-sink-server.ts`,
      url: `http://127.0.0.1:${SINK_HTTP_PORT}/messages`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { E2E_SMTP_PORT: String(SMTP_PORT), E2E_SINK_HTTP_PORT: String(SINK_HTTP_PORT) },
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // a fresh throwaway embedded PostgreSQL -> migrate deploy -> demo data -> next start
      command:
        `rm -rf .data/pg-e2e && EMBEDDED_PG_DIR=.data/pg-e2e EMBEDDED_PG_PORT=${PG_PORT} ` +
        `${bin("tsx")} scripts/db.ts -- sh -c "${bin("prisma")} migrate deploy && ${bin("tsx")} prisma/seed.ts && ` +
        `exec ${bin("next")} start -H 127.0.0.1 -p ${PORT}"`,
      url: `${baseURL}/api/auth/csrf`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        // empty: never run the suite against a server named in the caller's environment
        DATABASE_URL: "",
        NEXTAUTH_SECRET: "e2e-nextauth-secret-0123456789abcdef",
        NEXTAUTH_URL: baseURL,
        SECRETS_KEY: "e2e-secrets-key-0123456789abcdefghijklmnop",
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_FROM: "Backoffice Access <no-reply@backoffice-access.test>",
        MAIL_WORKER: "on",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      // SIGTERM (not the default SIGKILL) so scripts/db.ts stops next-server's process group and Postgres
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
