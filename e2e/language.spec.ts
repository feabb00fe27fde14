import { expect, test } from "./support/fixtures";

test("a visitor switches to German before signing in, and it stays German in the console until they switch back", async ({
  page,
  db,
  world,
}) => {
  const emailsIn = async () =>
    (await db.query<{ locale: string }>(`select "locale"::text from "User" where "email" = $1`, [world.admin.email]))[0]
      .locale;
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");

  await page.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmelden");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("button", { name: "Deutsch" })).toHaveAttribute("aria-pressed", "true");

  await page.getByLabel("E-Mail-Adresse").fill(world.admin.email);
  await page.getByLabel("Passwort").fill(world.admin.password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Willkommen, Ada Administrator");
  // their emails follow the language they signed in with, and the switcher afterwards
  expect(await emailsIn()).toBe("DE");
  const nav = page.getByRole("navigation");
  await expect(nav.getByRole("link", { name: "Übersicht" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Kundendienste" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Servicezugang" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Einstellungen" })).toBeVisible();

  await nav.getByRole("link", { name: "Kundendienste" }).click();
  await expect(page).toHaveURL(/\/console\/client-services$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kundendienste");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByTestId("sign-out")).toHaveText("Abmelden");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Client Services");
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  await expect.poll(emailsIn).toBe("EN");
  await nav.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByTestId("settings-title")).toHaveText("Settings");
  await expect(nav.getByRole("link", { name: "Client Services" })).toBeVisible();
});

test("a shop member reads the back office in the browser's language, not their profile's, and can switch it", async ({
  page,
  loginAs,
  world,
}) => {
  // the member has German saved in their profile; the browser asks for en-US
  await loginAs(world.member);
  const nav = page.getByRole("navigation");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();

  await page.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(nav.getByRole("link", { name: "Übersicht" })).toBeVisible();
  await expect(nav.getByText("Einstellungen", { exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Dienste" })).toBeVisible();

  await nav.getByRole("link", { name: "Dienste" }).click();
  await expect(page).toHaveURL(/\/services$/);
  await expect(nav.getByRole("link", { name: "Support-Aktivität" })).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(nav.getByRole("link", { name: "Services" })).toBeVisible();
  await nav.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("shop-title")).toHaveText(world.alpine.name);
  await expect(nav.getByRole("link", { name: "Support activity" })).toBeVisible();
});
