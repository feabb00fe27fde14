import { hash } from "@node-rs/argon2";
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test, type Db } from "./support/fixtures";
import type { Companies } from "./support/world";

// A person's own account: forgot password by emailed link, change password, and sessions that end
// on the server (a cookie kept from before a sign-out or a password change no longer works).

const OLD_PASSWORD = "an-old-long-password-1";

/** A partner operator of the worker's Northwind with a known password, made for this test alone. */
async function operatorWithPassword(db: Db, companies: Companies, label: string): Promise<string> {
  const email = `${label}-${Date.now()}-${companies.northwind.id.slice(0, 8)}@e2e.test`;
  await db.query(
    `insert into "User" ("id", "email", "name", "role", "passwordHash", "partnerCompanyId") values (gen_random_uuid(), $1, $2, 'PARTNER', $3, $4)`,
    [email, `Rita ${label}`, await hash(OLD_PASSWORD), companies.northwind.id],
  );
  return email;
}

/** The same person at a second browser of their own, signed in with a password. */
async function secondBrowser(
  browser: Browser,
  baseURL: string | undefined,
  email: string,
  password: string,
): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email, password);
  return { page, close: () => context.close() };
}

async function expectSignedOut(page: Page) {
  await page.goto("/console");
  await expect(page).toHaveURL(/\/sign-in/);
}

test("forgot password: the emailed link sets a new password once and ends the sessions signed in before", async ({
  page,
  browser,
  baseURL,
  db,
  companies,
  mailbox,
}) => {
  const email = await operatorWithPassword(db, companies, "forgot");
  const before = await secondBrowser(browser, baseURL, email, OLD_PASSWORD);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forgot password");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send link" }).click();
  await expect(page.getByTestId("form-success")).toHaveText(
    `If an account exists for ${email}, a link to choose a new password is on its way. Check your inbox.`,
  );

  const mail = await mailbox.waitFor(
    (m) => m.to.includes(email) && m.subject === "Reset your Backoffice Access password",
  );
  const link = mail.text.match(/https?:\/\/\S+\/reset-password\/\S+/)?.[0];
  expect(link, mail.text).toBeDefined();
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose a new password");
  await page.getByLabel("New password", { exact: true }).fill("a-new-long-password-2");
  await page.getByLabel("Repeat the new password").fill("a-new-long-password-2");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=passwordReset/);
  await expect(page.getByTestId("sign-in-notice")).toContainText("Your new password is set");

  await signIn(page, email, "a-new-long-password-2");
  await expect(page).toHaveURL(/\/console$/);
  // the browser that was signed in before the reset is signed out at its next request
  await expectSignedOut(before.page);
  await before.close();

  await page.goto(link!);
  await expect(page.getByTestId("link-invalid")).toBeVisible();
});

test("an unknown address gets the same answer and no email", async ({ page, mailbox }) => {
  const email = `nobody-${Date.now()}@e2e.test`;
  await page.goto("/forgot-password");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send link" }).click();
  await expect(page.getByTestId("form-success")).toHaveText(
    `If an account exists for ${email}, a link to choose a new password is on its way. Check your inbox.`,
  );
  await page.waitForTimeout(4_000);
  expect((await mailbox.messages()).filter((m) => m.to.includes(email))).toEqual([]);
});

test("changing the password signs out everywhere; the new one works", async ({
  page,
  browser,
  baseURL,
  db,
  companies,
}) => {
  const email = await operatorWithPassword(db, companies, "change");
  await signIn(page, email, OLD_PASSWORD);
  const other = await secondBrowser(browser, baseURL, email, OLD_PASSWORD);

  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Account");
  await page.getByLabel("Current password").fill(OLD_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("1qaz2wsx3edc");
  await page.getByLabel("Repeat the new password").fill("1qaz2wsx3edc");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("error-next")).toHaveText(
    "This password is among the most common ones. Choose another.",
  );

  await page.getByLabel("Current password").fill("not-my-password-9");
  await page.getByLabel("New password", { exact: true }).fill("a-changed-password-3");
  await page.getByLabel("Repeat the new password").fill("a-changed-password-3");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("error-current")).toHaveText("The current password is not correct.");

  await page.getByLabel("Current password").fill(OLD_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("a-changed-password-3");
  await page.getByLabel("Repeat the new password").fill("a-changed-password-3");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=passwordChanged/);
  await expectSignedOut(page);
  await expectSignedOut(other.page);
  await other.close();

  await signIn(page, email, "a-changed-password-3");
  await expect(page).toHaveURL(/\/console$/);
});

test("a session cookie replayed after signing out is refused", async ({ page, browser, baseURL, db, companies }) => {
  const email = await operatorWithPassword(db, companies, "replay");
  await signIn(page, email, OLD_PASSWORD);
  const cookies = await page.context().cookies();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);

  const thief = await browser.newContext({ baseURL });
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await expectSignedOut(stolen);
  await thief.close();
});
