import type { Page } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, expect, test } from "./support/fixtures";

const SHOP_HOME = /\/shop\/[0-9a-f-]{36}$/;

// Where each demo account lands after signing in, and what proves it is the right place.
const homes: { email: string; url: RegExp; home: (page: Page) => Promise<void> }[] = [
  {
    email: ACCOUNTS.admin,
    url: /\/console$/,
    home: (page) => expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ada Administrator"),
  },
  {
    email: ACCOUNTS.partner,
    url: /\/console$/,
    home: (page) => expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Paul Partner"),
  },
  {
    email: ACCOUNTS.partner2,
    url: /\/console$/,
    home: (page) => expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Petra Partner"),
  },
  {
    email: ACCOUNTS.otherPartner,
    url: /\/console$/,
    home: (page) => expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Oscar Other"),
  },
  {
    email: ACCOUNTS.issuer,
    url: /\/console\/client-services$/,
    home: (page) => expect(page.getByRole("heading", { level: 1 })).toHaveText("Client Services"),
  },
  {
    email: ACCOUNTS.owner,
    url: SHOP_HOME,
    home: (page) => expect(page.getByTestId("shop-title")).toHaveText("Alpine Outfitters"),
  },
  {
    email: ACCOUNTS.member,
    url: SHOP_HOME,
    home: (page) => expect(page.getByTestId("shop-title")).toHaveText("Alpine Outfitters"),
  },
  {
    email: ACCOUNTS.merchant2,
    url: SHOP_HOME,
    home: (page) => expect(page.getByTestId("shop-title")).toHaveText("Baltic Bikes"),
  },
];

for (const { email, url, home } of homes) {
  test(`${email} signs in, lands on their home and signs out`, async ({ page, loginAs }) => {
    await loginAs(email);

    await expect(page).toHaveURL(url);
    await home(page);
    await expect(page.getByTestId("who")).toBeVisible();

    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
}

async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a wrong password is refused and the visitor stays on the sign-in page", async ({ page }) => {
  await signInWith(page, ACCOUNTS.owner, "not-the-password");

  await expect(page.getByTestId("sign-in-error")).toHaveText("The email address or password is not correct.");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("an unknown email address gets the same message as a wrong password", async ({ page }) => {
  await signInWith(page, "nobody@demo.test", DEMO_PASSWORD);

  await expect(page.getByTestId("sign-in-error")).toHaveText("The email address or password is not correct.");
  await expect(page).toHaveURL(/\/sign-in$/);
});
