import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { consolePaths, shopPaths, speakGerman } from "./support/pages";
import { addInvitation, addShop } from "./support/world";
import { expectAccessible } from "./support/accessibility";

// Every page of each role, in German, on a 320-pixel-wide screen: the accessibility check
// (axe-core, WCAG 2.2 AA) runs on each as it opens (support/accessibility.ts), and the page must
// not scroll sideways; a wide table may scroll inside itself. The same pages in English at full
// width are visited by page-titles.spec.ts, under the same check.

test.use({ viewport: { width: 320, height: 640 } });

async function visitEvery(page: Page, paths: string[]) {
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator("html"), path).toHaveAttribute("lang", "de");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
  }
}

for (const role of ["admin", "partner", "issuer"] as const) {
  test(`every console page of ${role === "partner" ? "a" : "an"} ${role} operator, in German at 320 px`, async ({
    page,
    loginAs,
    world,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    await loginAs(world[role]);
    await speakGerman(page.context(), baseURL);
    await visitEvery(page, consolePaths(world, role));
  });
}

for (const role of ["owner", "member"] as const) {
  test(`every back-office page of a shop ${role}, in German at 320 px`, async ({
    page,
    loginAs,
    db,
    world,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    // a pending invitation adds its row, and the owner's "Withdraw" with its hidden longer name, to Members
    const invited = `invited-${world.tag}@e2e.test`;
    await addInvitation(db, world.alpine, invited);
    await loginAs(world[role]);
    await speakGerman(page.context(), baseURL);
    await visitEvery(page, [...shopPaths(world.alpine.id), "/account"]);
    await page.goto(`/shop/${world.alpine.id}/organization/members`);
    await expect(page.getByTestId(`invitation-${invited}`)).toBeVisible();
  });
}

test("the pages before signing in, in German at 320 px, and the menu that folds the navigation", async ({
  page,
  loginAs,
  world,
  baseURL,
}) => {
  await speakGerman(page.context(), baseURL);
  await visitEvery(page, ["/sign-in", "/forgot-password"]);
  // the sign-in helper reads the English form
  await page.context().clearCookies();
  await loginAs(world.partner);
  await speakGerman(page.context(), baseURL);
  await page.goto("/console");
  const nav = page.getByRole("navigation", { name: "Operator-Konsole" });
  const menu = page.getByRole("button", { name: "Menü" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Kundendienste" })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await nav.getByRole("link", { name: "Kundendienste" }).click();
  await expect(page).toHaveURL(/\/console\/client-services$/);
  // a link followed folds the menu again
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});

test("a shop named with 80 letters and no space fits 320 px: the header, the headings, the support banner", async ({
  page,
  loginAs,
  signInElsewhere,
  db,
  world,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const name = `${"Bergsportundwanderausruestung".repeat(3)}`.slice(0, 72) + world.tag;
  expect(name).toHaveLength(80);
  const shop = await addShop(db, {
    name,
    ref: `CR-${world.tag.toUpperCase()}-LONG`,
    number: "+49 30 1234-568",
    // managed by Northwind: its operator enters it at once, and the banner names it
    managedBy: "SERVICE_PROVIDER",
    partner: world.northwind,
    owners: [world.owner],
  });
  await loginAs(world.owner);
  await speakGerman(page.context(), baseURL);
  await visitEvery(page, shopPaths(shop.id));

  const partner = await signInElsewhere(world.partner);
  await partner.setViewportSize({ width: 320, height: 640 });
  await speakGerman(partner.context(), baseURL);
  await visitEvery(partner, [
    `/console/organizations/${shop.id}`,
    `/console/organizations/${shop.id}/edit`,
    `/console/support-hub/remote-support?q=${encodeURIComponent(shop.ref)}`,
  ]);
  const row = partner.getByTestId(`org-${shop.ref}`);
  await row.getByTestId("open-back-office").click();
  await row.locator("input[name=reason]").fill("Ticket #80: a long name");
  await row.getByTestId("start-session").click();
  await expect(partner.getByTestId("support-banner")).toContainText(name);
  await visitEvery(partner, shopPaths(shop.id));
});

test("an organization without an owner, as its partner sees it in German at 320 px: the owner's invitation, its withdrawal and a refused address", async ({
  page,
  loginAs,
  db,
  world,
  baseURL,
}) => {
  const shop = await addShop(db, {
    name: `Ohne Inhaber ${world.tag}`,
    ref: `CR-${world.tag.toUpperCase()}-NOOWNER`,
    number: "+49 30 1234-569",
    managedBy: "CUSTOMER",
    partner: world.northwind,
  });
  // a long address: the withdraw button's hidden name is longer still
  const invited = `ein.sehr.langer.name.fuer.den.inhaber-${world.tag}@beispiel-grosshandel.e2e.test`;
  await addInvitation(db, shop, invited, "OWNER");
  await loginAs(world.partner);
  await speakGerman(page.context(), baseURL);
  await visitEvery(page, [`/console/organizations/${shop.id}`]);
  await expect(page.getByRole("button", { name: `Einladung an ${invited} zurückziehen` })).toBeVisible();
  const form = page.getByTestId("owner-invite-form");
  await expect(form.getByRole("heading", { name: "Inhaber einladen" })).toBeVisible();
  await form.getByLabel("E-Mail-Adresse des Inhabers").fill("keine adresse");
  await form.getByRole("button", { name: "Einladung senden" }).click();
  await expect(form.getByLabel("E-Mail-Adresse des Inhabers")).toBeFocused();
  await expect(form.getByLabel("E-Mail-Adresse des Inhabers")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "owner invitation refused, German, 320 px");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
