import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { ensureDatabase, startEmbeddedPg, type StartedPg } from "../scripts/embedded-pg";
import { ACCOUNTS, DEMO_PASSWORD, signIn } from "./support/fixtures";
import { appEnv } from "./support/app-env";

// The database goes away under a running application and comes back. This spec owns its whole
// stack, because it stops a PostgreSQL: its own embedded PostgreSQL (started here, in the test
// process, so the test can stop and start it) and its own application server with demo data,
// which keeps running throughout. While the database is away every area answers the plain
// "briefly unavailable" page with 503 and Retry-After, sign-in and actions say the same, and no
// internal word reaches the browser; once it is back the same requests succeed, without a restart.

const PORT = Number(process.env.E2E_PORT ?? 3200) + 20;
const PG_PORT = PORT + 1;
const PG_DIR = path.resolve(".data/pg-e2e-outage");
const url = `http://127.0.0.1:${PORT}`;
const bin = (name: string) => path.resolve("node_modules/.bin", name);

const UNAVAILABLE = {
  en: "The service is briefly unavailable. Please try again in a minute.",
  de: "Der Dienst ist vorübergehend nicht verfügbar. Bitte versuchen Sie es in einer Minute erneut.",
};
// what would give the failure away: the ORM, the driver, an error's name or a stack frame
const INTERNAL = /prisma|invocation|ECONNREFUSED|database server|driver|adapter|Error:|\bat [\w.<>]+ \(|digest/i;

const test = base.extend<object, { stack: { pg: () => StartedPg; stopPg(): Promise<void>; startPg(): Promise<void> } }>(
  {
    stack: [
      async ({}, provide) => {
        rmSync(PG_DIR, { recursive: true, force: true });
        let pg = await startEmbeddedPg({ dir: PG_DIR, port: PG_PORT, durable: false });
        await ensureDatabase(pg.adminUrl, "app");
        // scripts/db.ts finds the PostgreSQL on EMBEDDED_PG_PORT running and uses it, as `npm run db` does next to `npm start`
        const server: ChildProcess = spawn(
          bin("tsx"),
          [
            "scripts/db.ts",
            "--",
            "sh",
            "-c",
            `${bin("prisma")} migrate deploy && ${bin("tsx")} prisma/seed.ts && exec ${bin("tsx")} scripts/app-role.ts -- ${bin("tsx")} scripts/server.ts`,
          ],
          {
            env: {
              ...process.env,
              ...appEnv,
              EMBEDDED_PG_PORT: String(PG_PORT),
              PORT: String(PORT),
              NEXTAUTH_URL: url,
              MAIL_WORKER: "off",
            },
            detached: true,
            stdio: "ignore",
          },
        );
        const deadline = Date.now() + 120_000;
        for (;;) {
          const up = await fetch(`${url}/api/auth/csrf`).then(
            (r) => r.ok,
            () => false,
          );
          if (up) break;
          if (Date.now() > deadline || server.exitCode !== null)
            throw new Error("the outage spec's application did not start");
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        await provide({
          pg: () => pg,
          stopPg: () => pg.stop(),
          startPg: async () => {
            pg = await startEmbeddedPg({ dir: PG_DIR, port: PG_PORT, durable: false });
          },
        });
        // the server's process group: scripts/db.ts, the shell, the server
        try {
          process.kill(-server.pid!, "SIGTERM");
        } catch {
          // already gone
        }
        await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
        await pg.stop().catch(() => {});
        // the application itself (a grandchild in a process group of its own) must be gone too, not left running
        const until = Date.now() + 15_000;
        while (
          await fetch(`${url}/api/auth/csrf`).then(
            () => true,
            () => false,
          )
        ) {
          if (Date.now() > until)
            throw new Error(`the outage spec's application still answers on ${url} after being stopped`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      },
      { scope: "worker", timeout: 150_000 },
    ],
  },
);

/** Someone at their own browser, in English or (by the language switcher's cookie) German. */
async function browserAt(browser: Browser, lang: "en" | "de"): Promise<Page> {
  const context = await browser.newContext({ baseURL: url, locale: "en-US", timezoneId: "Europe/Berlin" });
  if (lang === "de") await context.addCookies([{ name: "locale", value: "de", url }]);
  return context.newPage();
}

test("while PostgreSQL is stopped every area answers 503 in plain words; started again, the same requests succeed", async ({
  browser,
  stack,
}) => {
  test.setTimeout(180_000);
  const owner = await browserAt(browser, "en");
  await signIn(owner, ACCOUNTS.owner);
  const shopHome = new URL(owner.url()).pathname;
  const admin = await browserAt(browser, "en");
  await signIn(admin, ACCOUNTS.admin);
  await admin.context().addCookies([{ name: "locale", value: "de", url }]);
  const consoleHome = new URL(admin.url()).pathname;
  const anonymous = await browserAt(browser, "en");

  // everything a person may ask for, in each area: back office, console, account, a link, sign-in
  const requests: Array<{ page: Page; path: string; lang: "en" | "de" }> = [
    { page: owner, path: shopHome, lang: "en" },
    { page: owner, path: `${shopHome}/settings/general/status`, lang: "en" },
    { page: owner, path: "/account", lang: "en" },
    { page: owner, path: "/", lang: "en" },
    { page: admin, path: consoleHome, lang: "de" },
    { page: admin, path: "/console/client-services?q=alpine", lang: "de" },
    { page: admin, path: "/console/organizations", lang: "de" },
    { page: admin, path: "/console/settings/audit", lang: "de" },
    { page: anonymous, path: "/invitation/0123456789abcdef0123456789abcdef", lang: "en" },
  ];
  // a form the owner has open when the database goes
  const password = await browserAt(browser, "en");
  await signIn(password, ACCOUNTS.owner);
  await password.goto("/account");

  await stack.stopPg();

  for (const { page, path: target, lang } of requests) {
    const response = await page.goto(target);
    expect(response?.status(), target).toBe(503);
    expect(response?.headers()["retry-after"], target).toBe("60");
    await expect(page.getByTestId("failure-message"), target).toHaveText(UNAVAILABLE[lang]);
    expect(await page.content(), target).not.toMatch(INTERNAL);
  }
  const health = await fetch(`${url}/api/health`);
  expect([health.status, await health.json()]).toEqual([503, { status: "unavailable", database: "down" }]);

  // signing in says the same, never "wrong password", and nothing internal reaches the address bar
  await anonymous.goto("/sign-in");
  await anonymous.getByLabel("Email address").fill(ACCOUNTS.owner);
  await anonymous.getByLabel("Password").fill(DEMO_PASSWORD);
  const answer = anonymous.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await anonymous.getByRole("button", { name: "Sign in" }).click();
  const callback = await (await answer).text();
  await expect(anonymous.getByTestId("sign-in-error")).toHaveText(UNAVAILABLE.en);
  expect(callback).not.toMatch(INTERNAL);
  expect(anonymous.url()).not.toMatch(INTERNAL);

  // an action sent from a page opened before: the same sentence where its answer appears
  await password.getByLabel("Current password").fill(DEMO_PASSWORD);
  await password.getByLabel("New password", { exact: true }).fill("a-new-password-2026");
  await password.getByLabel("Repeat the new password").fill("a-new-password-2026");
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByText(UNAVAILABLE.en)).toBeVisible();
  expect(await password.content()).not.toMatch(INTERNAL);

  await stack.startPg();

  // the same application, not restarted: the same requests succeed
  for (const { page, path: target } of requests.filter((r) => r.page !== anonymous)) {
    const response = await page.goto(target);
    expect(response?.status(), target).toBe(200);
    await expect(page.getByTestId("failure-message"), target).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 }), target).toBeVisible();
  }
  expect((await fetch(`${url}/api/health`)).status).toBe(200);
  await anonymous.getByRole("button", { name: "Sign in" }).click();
  await anonymous.waitForURL((u) => u.pathname.startsWith("/shop/"));
});
