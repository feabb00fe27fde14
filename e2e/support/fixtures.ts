import { test as base, expect, type BrowserContext, type ConsoleMessage, type Page } from "@playwright/test";
import pg from "pg";
import type { SinkMessage } from "./smtp-sink-server";
import { checkEveryPageOpened } from "./accessibility";
import { createCompanies, createWorld, type Companies, type Person, type World } from "./world";

export { expect };

/** Every demo account (prisma/seed.ts) signs in with this password. */
export const DEMO_PASSWORD = "demo-password-1";

export const ACCOUNTS = {
  admin: "admin@demo.test",
  partner: "partner@demo.test",
  partner2: "partner2@demo.test",
  otherPartner: "other-partner@demo.test",
  issuer: "issuer@demo.test",
  owner: "owner@demo.test",
  member: "member@demo.test",
  merchant2: "merchant2@demo.test",
} as const;

export type MailMessage = Omit<SinkMessage, "raw">;

/** The sink is shared by every test running at once: read it filtered by an address the test made its own. */
export interface Mailbox {
  messages(): Promise<MailMessage[]>;
  /** The first message matching, once the app's mail worker has delivered it. */
  waitFor(predicate: (message: MailMessage) => boolean, timeoutMs?: number): Promise<MailMessage>;
}

export interface Db {
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** Set in playwright.config.ts, which starts the servers these point at. */
export interface E2EWorkerOptions {
  databaseUrl: string;
  sinkUrl: string;
  /** the second application, started like a real installation (no demo data) */
  install: { url: string; pgDir: string; pgPort: number };
}

/** A demo account's address (demo password), or a person a world made. */
export type Who = string | Person;

interface TestFixtures {
  loginAs(who: Who, password?: string): Promise<void>;
  /** A second person at their own browser (a new context), signed in; the fixture's `page` is the first. */
  signInElsewhere(who: Who): Promise<Page>;
  /** This test's own companies, people and shops (e2e/support/world.ts), made when a test asks for it. */
  world: World;
  mailbox: Mailbox;
  failOnConsoleErrors: void;
  checkAccessibility: void;
}

interface WorkerFixtures extends E2EWorkerOptions {
  db: Db;
  /** the worker's own partner and issuer companies, under which each test's world is made */
  companies: Companies;
}

// The browser logs every refused request; the specs provoke 401/403/404 on purpose and assert them.
export const EXPECTED_REFUSAL = /^Failed to load resource: the server responded with a status of (401|403|404)\b/;

/** Signs in through the form, as a person would, and waits for the account's home. */
export async function signIn(page: Page, who: Who, password?: string): Promise<void> {
  const email = typeof who === "string" ? who : who.email;
  password ??= typeof who === "string" ? DEMO_PASSWORD : who.password;
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // the form goes to "/", which redirects to the account's home
  await page.waitForURL((url) => url.pathname !== "/sign-in" && url.pathname !== "/");
}

// Playwright's `use` callback is called `provide` here: the React hooks lint rule mistakes `use(...)` for React's hook.
export const test = base.extend<TestFixtures, WorkerFixtures>({
  databaseUrl: ["", { option: true, scope: "worker" }],
  sinkUrl: ["", { option: true, scope: "worker" }],
  install: [
    { url: "", pgDir: "", pgPort: 0 },
    { option: true, scope: "worker" },
  ],

  db: [
    async ({ databaseUrl }, provide) => {
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
      await provide({ query: async (sql, params) => (await pool.query(sql, params)).rows });
      await pool.end();
    },
    { scope: "worker" },
  ],

  companies: [
    async ({ db }, provide) => {
      await provide(await createCompanies(db));
    },
    { scope: "worker" },
  ],

  world: async ({ db, companies }, provide) => {
    await provide(await createWorld(db, companies));
  },

  loginAs: async ({ page }, provide) => {
    await provide((who, password) => signIn(page, who, password));
  },

  signInElsewhere: async ({ browser, baseURL, locale, timezoneId }, provide) => {
    const contexts: BrowserContext[] = [];
    const errors: string[] = [];
    await provide(async (who) => {
      const email = typeof who === "string" ? who : who.email;
      const context = await browser.newContext({ baseURL, locale, timezoneId });
      contexts.push(context);
      const page = await context.newPage();
      checkEveryPageOpened(page);
      page.on("console", (message) => {
        if (message.type() === "error" && !EXPECTED_REFUSAL.test(message.text()))
          errors.push(`${email}: ${message.text()}`);
      });
      page.on("pageerror", (error) => errors.push(`${email}: uncaught: ${error.message}`));
      await signIn(page, who);
      return page;
    });
    for (const context of contexts) await context.close();
    expect(errors, "console errors in the other browsers").toEqual([]);
  },

  mailbox: async ({ sinkUrl }, provide) => {
    const messages = async (): Promise<MailMessage[]> => {
      const response = await fetch(`${sinkUrl}/messages`);
      if (!response.ok) throw new Error(`mail sink answered ${response.status}`);
      return ((await response.json()) as SinkMessage[]).map(({ raw: _raw, ...message }) => message);
    };
    await provide({
      messages,
      waitFor: async (predicate, timeoutMs = 20_000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const received = await messages();
          const found = received.find(predicate);
          if (found) return found;
          if (Date.now() > deadline) {
            const subjects = received.map((m) => `"${m.subject}" to ${m.to}`).join(", ") || "none";
            throw new Error(`no matching email within ${timeoutMs} ms; received: ${subjects}`);
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      },
    });
  },

  // Every page a test opens is checked with axe-core (WCAG 2.2 AA): a serious or critical violation fails it.
  checkAccessibility: [
    async ({ page }, provide) => {
      checkEveryPageOpened(page);
      await provide();
    },
    { auto: true },
  ],

  // House rule: any console.error (or uncaught page error) during a test fails it.
  failOnConsoleErrors: [
    async ({ page }, provide) => {
      const errors: string[] = [];
      const onConsole = (message: ConsoleMessage) => {
        if (message.type() === "error" && !EXPECTED_REFUSAL.test(message.text())) errors.push(message.text());
      };
      page.on("console", onConsole);
      page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
      await provide();
      expect(errors, "console errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
});
