import { defineConfig, devices } from "@playwright/test";
import type { E2EWorkerOptions } from "./e2e/support/fixtures";
import { mkdirSync } from "node:fs";
import { appEnv, SMTP_PORT } from "./e2e/support/app-env";
import { CHROMIUM_LAUNCH } from "./e2e/support/chromium";
import { SERVER_LOG_DIR, serverLog } from "./e2e/support/server-log";

// `npm run test:e2e` builds first; this config only starts what a run needs, on fixed ports:
//   E2E_PORT (3200) the app, E2E_PORT+1 its throwaway embedded PostgreSQL,
//   E2E_PORT+10 a second app without demo data and E2E_PORT+11 its PostgreSQL,
//   E2E_PORT+20 and E2E_PORT+21: database-outage.spec.ts's own application and PostgreSQL,
//   E2E_SMTP_PORT (3225) the mail sink's SMTP side, E2E_SINK_HTTP_PORT (3226) its HTTP side.
const PORT = Number(process.env.E2E_PORT ?? 3200);
const PG_PORT = PORT + 1;
const SINK_HTTP_PORT = Number(process.env.E2E_SINK_HTTP_PORT ?? 3226);
const baseURL = `http://127.0.0.1:${PORT}`;
// a second application, as a real installation starts: no demo data (installation.spec.ts)
const INSTALL_PORT = PORT + 10;
const installURL = `http://127.0.0.1:${INSTALL_PORT}`;
const bin = (name: string) => `node_modules/.bin/${name}`;
mkdirSync(SERVER_LOG_DIR, { recursive: true });

export default defineConfig<object, E2EWorkerOptions>({
  testDir: "e2e",
  // every test makes its own data (e2e/support/world.ts), so tests run at once and in any order;
  // the specs with a server of their own start it once, in the one worker that runs their one test
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // a page opened for the first time is also checked for accessibility (e2e/support/accessibility.ts)
  timeout: 60_000,
  forbidOnly: true,
  reporter: [["list"]],
  // every server's output is kept (serverLog) and checked at the end: an error line nobody expected fails the run
  globalTeardown: "./e2e/support/server-log-check.ts",
  use: {
    baseURL,
    locale: "en-US",
    timezoneId: "Europe/Berlin",
    trace: "retain-on-failure",
    databaseUrl: `postgresql://postgres:postgres@127.0.0.1:${PG_PORT}/app`,
    sinkUrl: `http://127.0.0.1:${SINK_HTTP_PORT}`,
    install: { url: installURL, pgDir: ".data/pg-e2e-install", pgPort: INSTALL_PORT + 1 },
    launchOptions: CHROMIUM_LAUNCH,
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
      // a fresh throwaway embedded PostgreSQL (EMBEDDED_PG_FAST: no fsync) -> migrate deploy and demo data as the owner ->
      // the server as the application's role (scripts/app-role.ts)
      command:
        `rm -rf .data/pg-e2e && EMBEDDED_PG_FAST=1 EMBEDDED_PG_DIR=.data/pg-e2e EMBEDDED_PG_PORT=${PG_PORT} ` +
        `${bin("tsx")} scripts/db.ts -- sh -c "${bin("prisma")} migrate deploy && ${bin("tsx")} prisma/seed.ts && ` +
        `exec ${bin("tsx")} scripts/app-role.ts -- ${bin("tsx")} scripts/server.ts" 2>&1 | tee ${serverLog("app")}`,
      url: `${baseURL}/api/auth/csrf`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { ...appEnv, NEXTAUTH_URL: baseURL, PORT: String(PORT) },
      // SIGTERM (not the default SIGKILL) so scripts/db.ts stops next-server's process group and Postgres
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // the same build as a real installation starts: migrations and the catalogue, no demo data
      command:
        `rm -rf .data/pg-e2e-install && EMBEDDED_PG_FAST=1 EMBEDDED_PG_DIR=.data/pg-e2e-install EMBEDDED_PG_PORT=${INSTALL_PORT + 1} ` +
        `${bin("tsx")} scripts/db.ts -- sh -c "${bin("prisma")} migrate deploy && ${bin("tsx")} prisma/seed.ts --if-empty && ` +
        `exec ${bin("tsx")} scripts/app-role.ts -- ${bin("tsx")} scripts/server.ts" 2>&1 | tee ${serverLog("install")}`,
      url: `${installURL}/api/auth/csrf`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { ...appEnv, NEXTAUTH_URL: installURL, PORT: String(INSTALL_PORT), DEMO_DATA: "off" },
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
